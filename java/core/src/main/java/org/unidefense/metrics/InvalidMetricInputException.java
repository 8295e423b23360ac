package org.unidefense.metrics;

import org.unidefense.UserInputException;

/**
 * Labels or scores that metrics cannot be computed from (empty, mismatched lengths, one class
 * only, non-finite scores, labels other than 0/1). Thrown instead of ever reporting a NaN metric.
 */
public class InvalidMetricInputException extends UserInputException {
    public InvalidMetricInputException(String message) {
        super(message);
    }
}
