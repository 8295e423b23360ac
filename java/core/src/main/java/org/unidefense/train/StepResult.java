package org.unidefense.train;

import org.unidefense.perturb.PerturbationKind;

import java.util.Map;

/**
 * What one training step reports: every loss term under the reference's names — for the
 * two-pass step with a {@code pass1.} or {@code pass2.} prefix (e.g. {@code pass1.cls_loss},
 * {@code pass2.fac_loss}), for a single-pass step without one ({@code total_loss}) — the learning
 * rate the step used (group 0), the perturbation of pass 2 (null for a single-pass step), and the
 * clean pass's class logits (row-major [N, classes]) for accuracy. With one class the logit is the
 * fake logit (RECCE's BCE setting).
 */
public record StepResult(long step, double learningRate, Map<String, Double> losses, PerturbationKind perturbation,
                         float[] pass1Logits, int numClasses) {
    public StepResult {
        losses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(losses));
    }

    /** A loss by its full name; throws if the step did not report it. */
    public double loss(String name) {
        Double v = losses.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no loss named " + name + "; have " + losses.keySet());
        }
        return v;
    }

    /** The loss name of {@link #totalLoss()} for a two-pass and for a single-pass step. */
    public static final String TWO_PASS_TOTAL = "pass1.total_loss";
    public static final String SINGLE_PASS_TOTAL = "total_loss";

    /** The step's headline loss: pass 1's total for the two-pass step, the total for a single pass. */
    public double totalLoss() {
        return totalOf(losses);
    }

    /** The headline loss among losses named as a step reports them (e.g. their means); NaN if absent. */
    public static double totalOf(Map<String, Double> losses) {
        Double v = losses.containsKey(TWO_PASS_TOTAL) ? losses.get(TWO_PASS_TOTAL) : losses.get(SINGLE_PASS_TOTAL);
        return v == null ? Double.NaN : v;
    }

    /**
     * Number of clean-pass predictions equal to the labels: the argmax of the logits, or with one
     * class (a fake logit) fake where the logit is positive, as RECCE's accuracy meter.
     */
    public int correct(long[] labels) {
        int hits = 0;
        if (numClasses == 1) {
            for (int i = 0; i < labels.length; i++) {
                hits += (pass1Logits[i] > 0 ? 1 : 0) == labels[i] ? 1 : 0;
            }
            return hits;
        }
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 1; c < numClasses; c++) {
                if (pass1Logits[i * numClasses + c] > pass1Logits[i * numClasses + best]) {
                    best = c;
                }
            }
            hits += best == labels[i] ? 1 : 0;
        }
        return hits;
    }
}
