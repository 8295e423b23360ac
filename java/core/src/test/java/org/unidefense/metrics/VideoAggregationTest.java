package org.unidefense.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VideoAggregationTest {
    // v1: .9 .7 -> .8 (real); v2: .4 .2 -> .3 (fake); v3: .3 .5 -> .4 (real, frames interleaved); v4: .1 (fake)
    private static final List<String> PATHS = List.of(
            "d/real/v1/0.png", "d/real/v1/1.png", "d/fake/v2/0.png", "d/real/v3/0.png",
            "d/fake/v2/1.png", "d/fake/v4/0.png", "d/real/v3/1.png");
    private static final int[] LABELS = {0, 0, 1, 0, 1, 1, 0};
    private static final double[] SCORES = {.9, .7, .4, .3, .2, .1, .5};

    @Test
    void videoIdIsThePathUpToTheLastSlash() {
        assertEquals("a/b", VideoAggregator.videoIdOf("a/b/c.png"));
        assertEquals("c.png", VideoAggregator.videoIdOf("c.png"));
        assertEquals("a", VideoAggregator.videoIdOf("a/"));
        assertEquals("", VideoAggregator.videoIdOf("/x.png"));
    }

    @Test
    void videosAreMeanScoresInFirstAppearanceOrder() {
        VideoScores v = VideoAggregator.aggregate(PATHS, LABELS, SCORES);
        assertEquals(List.of("d/real/v1", "d/fake/v2", "d/real/v3", "d/fake/v4"), v.videoIds());
        assertArrayEquals(new int[] {0, 1, 0, 1}, v.scores().labels());
        assertArrayEquals(new double[] {(.9 + .7) / 2, (.4 + .2) / 2, (.3 + .5) / 2, .1}, v.scores().scores(), 0.0);
    }

    @Test
    void frameAndVideoLevelsAreEvaluatedSeparately() {
        LevelReports r = Metrics.frameAndVideo(PATHS, LABELS, SCORES, ThresholdRule.AUTO, SklearnConvention.SKLEARN_1_3);
        // frames: reals .9 .7 .3 .5, fakes .4 .2 .1; 11 of the 12 real/fake pairs are ordered right
        assertEquals(11.0 / 12, r.frame().auc(), 1e-15);
        assertEquals(7, r.frame().numPositives() + r.frame().numNegatives());
        // videos: reals .8 .4 above fakes .3 .1; the ROC reaches tpr 1 at fpr 0, so EER = 0 and the
        // EER threshold is the lowest real score, .4, which (score > thr) then counts as fake
        MetricReport video = r.video();
        assertEquals(1.0, video.auc());
        assertEquals(0.0, video.eer());
        assertEquals(.4, video.threshold(), 1e-15);
        assertEquals(0.5, video.bpcer());
        assertEquals(0.0, video.apcer());
        assertEquals(4, video.numPositives() + video.numNegatives());
        assertEquals(4, r.videos().videoIds().size());
    }

    @Test
    void aFixedThresholdAppliesToBothLevels() {
        LevelReports r = Metrics.frameAndVideo(PATHS, LABELS, SCORES, ThresholdRule.fixed(.35), SklearnConvention.SKLEARN_1_3);
        assertEquals(.35, r.frame().threshold());
        assertEquals(.35, r.video().threshold());
        // frames above .35: .9 .7 .5 (real), .4 (fake) -> BPCER 1/4 (.3), APCER 1/3
        assertEquals(0.25, r.frame().bpcer(), 1e-15);
        assertEquals(1.0 / 3, r.frame().apcer(), 1e-15);
        // videos above .35: .8 .4 (real) -> no errors
        assertEquals(0.0, r.video().acer());
        assertEquals(1.0, r.video().accuracy());
    }

    @Test
    void mixedLabelsInOneVideoAreNamed() {
        int[] labels = LABELS.clone();
        labels[1] = 1;
        InvalidMetricInputException e = assertThrows(InvalidMetricInputException.class,
                () -> VideoAggregator.aggregate(PATHS, labels, SCORES));
        assertTrue(e.getMessage().contains("'d/real/v1'"), e.getMessage());
        assertTrue(e.getMessage().contains("d/real/v1/1.png"), e.getMessage());
    }

    @Test
    void pathCountMustMatchScores() {
        InvalidMetricInputException e = assertThrows(InvalidMetricInputException.class,
                () -> VideoAggregator.aggregate(PATHS.subList(0, 3), LABELS, SCORES));
        assertTrue(e.getMessage().contains("3 frame paths but 7 scores"), e.getMessage());
        assertThrows(InvalidMetricInputException.class, () -> VideoAggregator.aggregate(null, LABELS, SCORES));
    }

    @Test
    void aMissingPathIsNamedByIndex() {
        List<String> paths = new java.util.ArrayList<>(PATHS);
        paths.set(4, null);
        InvalidMetricInputException e = assertThrows(InvalidMetricInputException.class,
                () -> VideoAggregator.aggregate(paths, LABELS, SCORES));
        assertTrue(e.getMessage().contains("index 4"), e.getMessage());
    }

    @Test
    void oneClassIsRejectedBeforeAggregation() {
        // with one label per video, the videos have both classes exactly when the frames do
        List<String> paths = List.of("r/a/0", "r/a/1", "f/b/0");
        LevelReports ok = Metrics.frameAndVideo(paths, new int[] {0, 0, 1}, new double[] {.6, .8, .2},
                ThresholdRule.AUTO, SklearnConvention.SKLEARN_1_3);
        assertEquals(2, ok.videos().videoIds().size());
        InvalidMetricInputException e = assertThrows(InvalidMetricInputException.class,
                () -> VideoAggregator.aggregate(List.of("r/a/0", "r/a/1"), new int[] {0, 0}, new double[] {.6, .8}));
        assertTrue(e.getMessage().contains("frame level"), e.getMessage());
    }
}
