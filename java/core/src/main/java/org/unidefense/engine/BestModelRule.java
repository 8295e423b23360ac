package org.unidefense.engine;

import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * How an engine picks its best model from a validation's metrics: a score where higher is better,
 * which must strictly exceed the best so far (ties keep the earlier step, as the reference's
 * {@code >}/{@code <} comparisons), starting from the reference's initial best values.
 * @param checkpoint the checkpoint name the selected model is saved under ({@code best}, ...)
 * @param describe   what the score is, for the log
 * @param score      the score of one validation's metrics
 * @param initial    the score before any validation
 * @param negated    whether the score is a metric with its sign flipped (lower metric is better), so
 *                   logs show the metric itself
 */
public record BestModelRule(String checkpoint, String describe, ToDoubleFunction<Map<String, Double>> score,
                            double initial, boolean negated) {

    /** The value to show for a score: the metric itself. */
    public double shown(double score) {
        return negated ? -score : score;
    }

    /** FE: {@code AUC + ACC} at threshold 0.5 on the validation frames (best AUC and ACC start at 0). */
    public static BestModelRule forgery() {
        return new BestModelRule("best", "val AUC + ACC", m -> m.get("val/AUC") + m.get("val/ACC"), 0.0, false);
    }

    /** OCIM: {@code AUC − HTER} at video level with the EER threshold (best HTER starts at 1e8). */
    public static BestModelRule ocim() {
        return new BestModelRule("best", "val video AUC - HTER", m -> m.get("val/video/AUC") - m.get("val/video/ACER"),
                0.0 - 1.0e8, false);
    }

    /** UE as the reference: the lowest test frame ACER at the validation's EER threshold. */
    public static BestModelRule uniAttackTest() {
        return new BestModelRule("best", "test frame ACER (lower is better)", m -> -m.get("test/frame/ACER"),
                -1.0e8, true);
    }

    /** UE, selected without looking at the test split: the lowest validation frame ACER. */
    public static BestModelRule uniAttackVal() {
        return new BestModelRule("best_val", "val frame ACER (lower is better)", m -> -m.get("val/frame/ACER"),
                -1.0e8, true);
    }
}
