package org.unidefense.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's model selection: one {@link BestTracker} per rule of the protocol (the first is the
 * primary one, {@code best}) and the decision threshold of the latest validation. Checkpoints
 * store it and a resumed run restores it.
 */
public final class BestModels {
    private final List<BestTracker> trackers = new ArrayList<>();
    private double threshold = Double.NaN;

    BestModels(List<BestModelRule> rules) {
        rules.forEach(r -> trackers.add(new BestTracker(r)));
    }

    public List<BestTracker> trackers() {
        return trackers;
    }

    /** The tracker of the protocol's first rule ({@code best}). */
    public BestTracker primary() {
        return trackers.get(0);
    }

    /** The threshold of the latest validation; NaN before any. */
    public double threshold() {
        return threshold;
    }

    /** Takes the threshold of validation {@code step} and offers its metrics to every tracker. */
    void record(long step, Evaluation e) {
        threshold = e.threshold();
        trackers.forEach(t -> t.offer(step, e.metrics()));
    }

    /** The trackers whose best is the validation of {@code step} (those it improved, right after it). */
    public List<BestTracker> improvedAt(long step) {
        return trackers.stream().filter(t -> t.step() == step).toList();
    }

    /** One log line: each selected model's step and score. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        for (BestTracker t : trackers) {
            b.append(String.format(Locale.ROOT, "[%s] best step %d, %s %.4f  ", t.rule().checkpoint(), t.step(),
                    t.rule().describe(), t.rule().shown(t.score())));
        }
        return b.toString().trim();
    }

    /** The trackers' states by checkpoint name, for a checkpoint's metadata. */
    Map<String, Object> toMap() {
        Map<String, Object> best = new LinkedHashMap<>();
        trackers.forEach(t -> best.put(t.rule().checkpoint(), t.toMap()));
        return best;
    }

    /** Restores the trackers and the threshold from a checkpoint's metadata. */
    void restore(Map<String, Object> metadata) {
        Map<?, ?> best = (Map<?, ?>) metadata.get("trackers");
        for (BestTracker t : trackers) {
            Object saved = best.get(t.rule().checkpoint());
            if (saved != null) {
                t.restore((Map<?, ?>) saved);
            }
        }
        Object thr = metadata.get("threshold");
        threshold = thr instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
