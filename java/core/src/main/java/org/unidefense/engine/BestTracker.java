package org.unidefense.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** The best validation so far under one {@link BestModelRule}. */
public final class BestTracker {
    private final BestModelRule rule;
    private double score;
    private long step;
    private Map<String, Double> metrics = Map.of();

    public BestTracker(BestModelRule rule) {
        this.rule = rule;
        this.score = rule.initial();
    }

    /** Records {@code metrics} of {@code step} if they beat the best so far; returns whether they did. */
    public boolean offer(long step, Map<String, Double> metrics) {
        double s = rule.score().applyAsDouble(metrics);
        if (s > score) {
            this.score = s;
            this.step = step;
            this.metrics = new LinkedHashMap<>(metrics);
            return true;
        }
        return false;
    }

    public BestModelRule rule() {
        return rule;
    }

    public double score() {
        return score;
    }

    /** The step of the best validation; 0 before any. */
    public long step() {
        return step;
    }

    public Map<String, Double> metrics() {
        return metrics;
    }

    /** State for a checkpoint: score, step and the best metrics. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score", score);
        m.put("step", step);
        m.put("metrics", new LinkedHashMap<>(metrics));
        return m;
    }

    /** Restores what {@link #toMap()} stored. */
    public void restore(Map<?, ?> saved) {
        this.score = ((Number) saved.get("score")).doubleValue();
        this.step = ((Number) saved.get("step")).longValue();
        Map<String, Double> m = new LinkedHashMap<>();
        ((Map<?, ?>) saved.get("metrics")).forEach((k, v) -> m.put((String) k, ((Number) v).doubleValue()));
        this.metrics = m;
    }
}
