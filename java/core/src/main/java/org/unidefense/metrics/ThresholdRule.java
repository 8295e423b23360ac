package org.unidefense.metrics;

import org.unidefense.UserInputException;

/**
 * How the decision threshold of the threshold-dependent metrics is chosen, as the reference's
 * {@code cal_metrics(threshold=...)}: {@code auto} (the EER threshold), {@code best} (the score
 * minimising ACER) or a fixed number such as 0.5.
 */
public sealed interface ThresholdRule {

    /** The threshold at the equal error rate. */
    record Auto() implements ThresholdRule {
        @Override
        public double choose(ScoreSet set, EqualErrorRate eer) {
            return eer.threshold();
        }

        @Override
        public String toString() {
            return "auto";
        }
    }

    /**
     * The candidate with the lowest ACER; candidates are the distinct scores in increasing order
     * and a tie keeps the lowest threshold, as the reference's {@code find_best_threshold}.
     */
    record Best() implements ThresholdRule {
        @Override
        public double choose(ScoreSet set, EqualErrorRate eer) {
            return BestThresholdSearch.find(set);
        }

        @Override
        public String toString() {
            return "best";
        }
    }

    /** A given threshold, e.g. 0.5 or one found on a development set. */
    record Fixed(double value) implements ThresholdRule {
        public Fixed {
            if (Double.isNaN(value)) {
                throw new InvalidMetricInputException("threshold is NaN; expected a number, 'auto' or 'best'");
            }
        }

        @Override
        public double choose(ScoreSet set, EqualErrorRate eer) {
            return value;
        }

        @Override
        public String toString() {
            return Double.toString(value);
        }
    }

    /** The threshold for {@code set}, whose equal error rate is {@code eer}. */
    double choose(ScoreSet set, EqualErrorRate eer);

    ThresholdRule AUTO = new Auto();
    ThresholdRule BEST = new Best();

    static ThresholdRule fixed(double value) {
        return new Fixed(value);
    }

    /** Parses {@code auto}, {@code best} or a number (as written in a config or on the command line). */
    static ThresholdRule parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        if (t.equalsIgnoreCase("best")) {
            return BEST;
        }
        try {
            return new Fixed(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            throw new UserInputException("threshold '" + text + "': expected 'auto', 'best' or a number", e);
        }
    }
}
