package org.unidefense.engine;

import org.unidefense.train.StepResult;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Mean losses, accuracy and the last learning rate over the steps since the last log. */
final class LossMeter {
    private final Map<String, Double> sums = new TreeMap<>();
    private int steps;
    private long correct;
    private long seen;
    private double lr = Double.NaN;

    void add(StepResult r, long[] labels) {
        r.losses().forEach((k, v) -> sums.merge(k, v, Double::sum));
        steps++;
        correct += r.correct(labels);
        seen += labels.length;
        lr = r.learningRate();
    }

    Map<String, Double> summary() {
        Map<String, Double> m = new LinkedHashMap<>();
        sums.forEach((k, v) -> m.put(k, v / steps));
        m.put("acc", seen == 0 ? Double.NaN : (double) correct / seen);
        m.put("lr", lr);
        return m;
    }
}
