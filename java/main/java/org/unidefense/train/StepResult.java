package org.unidefense.train;

import org.unidefense.augment.PerturbationKind;

import java.util.Map;

/**
 * What one training step reports: every loss term of both passes under the reference's
 * names with a {@code pass1.} or {@code pass2.} prefix (e.g. {@code pass1.cls_loss},
 * {@code pass2.fac_loss}), the learning rate the step used (group 0), the perturbation of
 * pass 2, and the clean pass's class logits (row-major [N, classes]) for accuracy.
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

    /** Number of clean-pass predictions (argmax of the logits) equal to the labels. */
    public int correct(long[] labels) {
        int hits = 0;
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
