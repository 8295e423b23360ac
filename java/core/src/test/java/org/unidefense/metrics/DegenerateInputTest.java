package org.unidefense.metrics;

import org.junit.jupiter.api.Test;
import org.unidefense.UserInputException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inputs the reference would turn into NaN metrics or a scikit-learn error are rejected by name. */
class DegenerateInputTest {

    private static String rejected(int[] labels, double[] scores) {
        InvalidMetricInputException e = assertThrows(InvalidMetricInputException.class,
                () -> Metrics.evaluate(labels, scores, ThresholdRule.AUTO));
        assertInstanceOf(UserInputException.class, e);
        return e.getMessage();
    }

    @Test
    void empty() {
        assertTrue(rejected(new int[0], new double[0]).contains("no samples"));
    }

    @Test
    void lengthMismatch() {
        assertTrue(rejected(new int[] {0, 1, 1}, new double[] {.1, .2}).contains("3 labels but 2 scores"));
    }

    @Test
    void missingArrays() {
        assertTrue(rejected(null, new double[] {.1}).contains("required"));
        assertTrue(rejected(new int[] {0}, null).contains("required"));
        assertThrows(InvalidMetricInputException.class, () -> ScoreSet.of("x", (long[]) null, new double[0]));
    }

    @Test
    void oneClassOnly() {
        assertTrue(rejected(new int[] {0, 0}, new double[] {.1, .2}).contains("only real (label 0)"));
        assertTrue(rejected(new int[] {1, 1, 1}, new double[] {.1, .2, .3}).contains("only fake (label 1)"));
    }

    @Test
    void nonFiniteScores() {
        assertTrue(rejected(new int[] {0, 1}, new double[] {.1, Double.NaN}).contains("score NaN at index 1"));
        assertTrue(rejected(new int[] {0, 1}, new double[] {Double.POSITIVE_INFINITY, .1}).contains("index 0"));
        assertTrue(rejected(new int[] {0, 1}, new double[] {.1, Double.NEGATIVE_INFINITY}).contains("not a finite"));
    }

    @Test
    void labelsOtherThanZeroOrOne() {
        assertTrue(rejected(new int[] {0, 2}, new double[] {.1, .2}).contains("label 2 at index 1"));
        InvalidMetricInputException e = assertThrows(InvalidMetricInputException.class,
                () -> ScoreSet.of("x", new long[] {0, 1, 1L << 32}, new double[] {.1, .2, .3}));
        assertTrue(e.getMessage().contains("label 4294967296 at index 2"), e.getMessage());
    }

    @Test
    void errorsNameTheDataSet() {
        InvalidMetricInputException e = assertThrows(InvalidMetricInputException.class,
                () -> ScoreSet.of("video level", new int[] {0}, new double[] {.5}));
        assertTrue(e.getMessage().startsWith("video level: "), e.getMessage());
    }

    @Test
    void scoreSetKeepsItsOwnCopies() {
        int[] labels = {0, 1};
        double[] scores = {.7, .2};
        ScoreSet set = ScoreSet.of("x", new long[] {0, 1}, scores);
        scores[0] = 99;
        assertArrayEquals(new double[] {.7, .2}, set.scores());
        assertArrayEquals(labels, set.labels());
        assertEquals(1, set.numReal());
        assertEquals(1, set.numFake());
    }

    @Test
    void thresholdRules() {
        assertEquals(ThresholdRule.AUTO, ThresholdRule.parse(" Auto "));
        assertEquals(ThresholdRule.BEST, ThresholdRule.parse("best"));
        assertEquals(ThresholdRule.fixed(0.5), ThresholdRule.parse("0.5"));
        assertEquals("auto", ThresholdRule.AUTO.toString());
        assertEquals("best", ThresholdRule.BEST.toString());
        assertEquals("0.25", ThresholdRule.fixed(.25).toString());
        UserInputException e = assertThrows(UserInputException.class, () -> ThresholdRule.parse("half"));
        assertTrue(e.getMessage().contains("'half'"));
        assertThrows(UserInputException.class, () -> ThresholdRule.parse(null));
        assertThrows(InvalidMetricInputException.class, () -> ThresholdRule.fixed(Double.NaN));
    }

    @Test
    void rocArraysMustAgreeInLength() {
        assertThrows(IllegalArgumentException.class,
                () -> new RocCurve(new double[2], new double[2], new double[3]));
    }
}
