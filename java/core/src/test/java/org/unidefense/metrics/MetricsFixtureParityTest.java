package org.unidefense.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.unidefense.testing.Fixture;

import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Parity with the reference's {@code cal_metrics} on the D_metrics fixture (4 cases x 2 sklearn conventions x 2 threshold modes). */
class MetricsFixtureParityTest {
    private static final Fixture FIXTURE = Fixture.of("D_metrics");
    private static final JsonNode EXPECTED = Fixture.readJson("D_metrics/metrics.json");
    private static final String[] CASES = {"nearly_separable", "noisy", "few_positives", "saturated_top_ties"};

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String c : CASES) {
            for (SklearnConvention conv : SklearnConvention.values()) {
                b.add(Arguments.of(c, conv));
            }
        }
        return b.build();
    }

    static Stream<Arguments> casesAndModes() {
        return cases().flatMap(a -> Stream.of(
                Arguments.of(a.get()[0], a.get()[1], "auto"),
                Arguments.of(a.get()[0], a.get()[1], "fixed_0.5")));
    }

    private static ScoreSet scoreSet(String name) {
        long[] labels = FIXTURE.longs(name + "_labels");
        float[] f = FIXTURE.floats(name + "_scores");
        double[] scores = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            scores[i] = f[i];
        }
        return ScoreSet.of(name, labels, scores);
    }

    private static String key(SklearnConvention c) {
        return c == SklearnConvention.SKLEARN_1_3 ? "sklearn_1_3" : "sklearn_1_2";
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Fixture.asDouble(array.get(i));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void binaryInputsMatchTheJsonCopy(String name, SklearnConvention conv) {
        JsonNode c = EXPECTED.get(name);
        ScoreSet set = scoreSet(name);
        assertEquals(c.get("n").asInt(), set.size());
        assertEquals(c.get("num_label0_real").asInt(), set.numReal());
        assertArrayEquals(doubles(c.get("scores")), set.scores(), 0.0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void rocArraysEqualTheReference(String name, SklearnConvention conv) {
        JsonNode c = EXPECTED.get(name).get(key(conv));
        RocCurve roc = RocCurve.of(scoreSet(name), conv);
        assertArrayEquals(doubles(c.get("roc_fpr")), roc.fpr(), 0.0, "fpr");
        assertArrayEquals(doubles(c.get("roc_tpr")), roc.tpr(), 0.0, "tpr");
        assertArrayEquals(doubles(c.get("roc_thresholds")), roc.thresholds(), 0.0, "thresholds");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("casesAndModes")
    void everyMetricMatchesTheReference(String name, SklearnConvention conv, String mode) {
        JsonNode expected = EXPECTED.get(name).get(key(conv)).get(mode);
        ThresholdRule rule = mode.equals("auto") ? ThresholdRule.AUTO : ThresholdRule.fixed(0.5);
        Map<String, Number> actual = Metrics.evaluate(scoreSet(name), rule, conv).toMap();

        assertEquals(java.util.List.of(MetricReport.KEYS), java.util.List.copyOf(actual.keySet()));
        for (String k : MetricReport.KEYS) {
            double want = Fixture.asDouble(expected.get(k));
            double got = actual.get(k).doubleValue();
            if (Double.isInfinite(want)) {
                assertEquals(want, got, k);
            } else {
                assertEquals(want, got, k.equals("EER") ? 1e-9 : 1e-6, k);
            }
        }
        assertEquals(expected.get("NumP").asInt(), actual.get("NumP"));
        assertEquals(expected.get("NumN").asInt(), actual.get("NumN"));
    }

    /** The sorted sweep against the reference's own procedure: re-evaluate every distinct score, keep the first lowest ACER. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void bestThresholdMatchesExhaustiveReevaluation(String name, SklearnConvention conv) {
        ScoreSet set = scoreSet(name);
        double[] candidates = java.util.Arrays.stream(set.scores()).distinct().sorted().toArray();
        double bestThreshold = candidates[0];
        double bestAcer = ConfusionCounts.at(set, candidates[0]).acer();
        for (double t : candidates) {
            double acer = ConfusionCounts.at(set, t).acer();
            if (acer < bestAcer) {
                bestAcer = acer;
                bestThreshold = t;
            }
        }
        MetricReport best = Metrics.evaluate(set, ThresholdRule.BEST, conv);
        assertEquals(bestThreshold, best.threshold(), 0.0);
        assertEquals(bestAcer, best.acer(), 0.0);
        assertEquals(Metrics.evaluate(set, ThresholdRule.fixed(bestThreshold), conv).toMap(), best.toMap());
    }
}
