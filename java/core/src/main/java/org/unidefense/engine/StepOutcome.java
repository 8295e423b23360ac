package org.unidefense.engine;

import org.unidefense.train.StepResult;

/**
 * One finished training step as listeners see it: its number (from 1), what the step reported,
 * and the labels of its batch (0 = real), for accuracy.
 */
public record StepOutcome(long step, StepResult result, long[] labels) {
}
