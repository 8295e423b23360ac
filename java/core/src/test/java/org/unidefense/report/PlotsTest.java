package org.unidefense.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.metrics.Metrics;
import org.unidefense.metrics.RocCurve;
import org.unidefense.metrics.ScoreSet;
import org.unidefense.metrics.SklearnConvention;
import org.unidefense.metrics.ThresholdRule;

class PlotsTest {
    @TempDir
    Path dir;

    private static BufferedImage decode(Chart chart) throws IOException {
        String dump = System.getenv("REPORT_DUMP_DIR");
        if (dump != null) {
            chart.writePng(Path.of(dump, Thread.currentThread().getStackTrace()[2].getMethodName() + "-"
                    + System.nanoTime() + ".png"));
        }
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(chart.toPng()));
        assertEquals(chart.image().getWidth(), img.getWidth());
        return img;
    }

    private static RocCurve roc(int[] labels, double[] scores) {
        return RocCurve.of(ScoreSet.of("test", labels, scores), SklearnConvention.SKLEARN_1_3);
    }

    @Test
    void perfectClassifierRocRunsAlongTheLeftAndTopAxes() throws IOException {
        RocCurve perfect = roc(new int[] {0, 0, 0, 1, 1, 1}, new double[] {0.9, 0.8, 0.7, 0.3, 0.2, 0.1});
        Chart chart = new RocPlot().size(500, 420).add("frame", perfect).render();
        chart.writePng(dir.resolve("roc.png"));
        BufferedImage img = ImageIO.read(dir.resolve("roc.png").toFile());
        decode(chart);
        assertEquals(500, img.getWidth());
        assertEquals(420, img.getHeight());
        Panel p = chart.panel(0);
        Color blue = RocPlot.colorOf(0);
        assertTrue(PlotPixels.near(img, p.px(0), p.py(0.5), 1, blue, 10), "curve on the left axis");
        assertTrue(PlotPixels.near(img, p.px(0.3), p.py(1), 1, blue, 10), "curve on the top axis");
        assertTrue(PlotPixels.near(img, p.px(0.01), p.py(1), 1, blue, 10), "curve near the top-left corner");
        assertTrue(PlotPixels.near(img, p.px(0), p.py(0.99), 1, blue, 10), "curve near the top-left corner");
        assertFalse(PlotPixels.near(img, p.px(0.5), p.py(0.5), 12, blue, 60), "no curve near the diagonal's middle");
        // the chance diagonal itself is drawn (dashed grey): look along a short stretch of it
        boolean guide = false;
        for (double t = 0.40; t <= 0.46; t += 0.005) {
            guide |= PlotPixels.near(img, p.px(t), p.py(t), 1, Palette.GUIDE, 40);
        }
        assertTrue(guide, "chance diagonal");
    }

    @Test
    void chanceLevelCurveFollowsTheDiagonalAndMarksTheEqualErrorPoint() throws IOException {
        // alternating labels at equally spaced scores: a staircase around the diagonal, EER = 0.5
        int n = 200;
        int[] labels = new int[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            scores[i] = 1 - i / (double) n;
        }
        Chart chart = new RocPlot().add("frame", roc(labels, scores)).add("video", roc(new int[] {0, 1, 1, 0},
                new double[] {0.9, 0.8, 0.4, 0.3})).render();
        BufferedImage img = decode(chart);
        Panel p = chart.panel(0);
        assertTrue(PlotPixels.near(img, p.px(0.3), p.py(0.3), 3, RocPlot.colorOf(0), 10));
        assertTrue(PlotPixels.near(img, p.px(0.7), p.py(0.7), 3, RocPlot.colorOf(0), 10));
        assertFalse(PlotPixels.near(img, p.px(0.05), p.py(0.95), 10, RocPlot.colorOf(0), 60));
        // the video curve (real .9, fake .8, fake .4, real .3): (0,0) (0,.5) (1,.5) (1,1)
        assertTrue(PlotPixels.near(img, p.px(0), p.py(0.25), 1, RocPlot.colorOf(1), 10));
        assertTrue(PlotPixels.near(img, p.px(0.25), p.py(0.5), 1, RocPlot.colorOf(1), 10));
        assertTrue(PlotPixels.near(img, p.px(1), p.py(0.75), 1, RocPlot.colorOf(1), 10));
        assertFalse(PlotPixels.near(img, p.px(0.25), p.py(0.75), 10, RocPlot.colorOf(1), 60));
    }

    @Test
    void logFprAxisPutsTheOnePercentPointOnItsDecade() throws IOException {
        // 100 attacks, one scored above every real: the curve jumps to TPR 1 at FPR 0.01
        int[] labels = new int[110];
        double[] scores = new double[110];
        for (int i = 0; i < 110; i++) {
            labels[i] = i < 10 ? 0 : 1;
            scores[i] = i < 10 ? 0.9 - i * 0.01 : 0.5 - i * 0.001;
        }
        scores[10] = 0.95;
        Chart chart = new RocPlot().logFpr(true).add("frame", roc(labels, scores)).render();
        BufferedImage img = decode(chart);
        Panel p = chart.panel(0);
        assertEquals(1e-3, p.xAxis().min(), 1e-15);
        assertEquals(List.of(1e-3, 1e-2, 1e-1, 1.0), p.xAxis().ticks(8));
        assertEquals(p.area().x + p.area().width / 3.0, p.px(0.01), 1e-9);
        assertTrue(PlotPixels.near(img, p.px(0.01), p.py(0.5), 1, RocPlot.colorOf(0), 10), "vertical jump at FPR 1%");
        assertTrue(PlotPixels.near(img, p.px(0.1), p.py(1), 1, RocPlot.colorOf(0), 10), "TPR 1 after it");
        assertFalse(PlotPixels.near(img, p.px(0.003), p.py(0.5), 4, RocPlot.colorOf(0), 60), "nothing left of it at mid height");
    }

    @Test
    void histogramBarsSitWhereEachClassScoresAndTheThresholdLineWhereItIs() throws IOException {
        double[] scores = {0.82, 0.84, 0.86, 0.88, 0.12, 0.13, 0.14, 0.35};
        int[] labels = {0, 0, 0, 0, 1, 1, 1, 1};
        String[] methods = {"youtube", "youtube", "youtube", "youtube", "Deepfakes", "Deepfakes", "Deepfakes", "NeuralTextures"};
        Chart chart = new ScoreHistogram(scores, labels, methods).bins(20).threshold(0.6).size(600, 640).render();
        BufferedImage img = decode(chart);
        assertEquals(600, img.getWidth());
        assertEquals(640, img.getHeight());
        assertEquals(2, chart.panels().size());
        Panel byClass = chart.panel(0);
        Color realBar = PlotPixels.overWhite(Palette.series(0), ScoreHistogram.FILL_ALPHA);
        Color attackBar = PlotPixels.overWhite(Palette.series(1), ScoreHistogram.FILL_ALPHA);
        double lowRow = byClass.py(0.1);
        // bins are 0.05 wide: real fills [0.80, 0.90), attack [0.10, 0.15) and [0.35, 0.40)
        assertTrue(PlotPixels.near(img, byClass.px(0.85), lowRow, 0, realBar, 6));
        assertTrue(PlotPixels.near(img, byClass.px(0.125), lowRow, 0, attackBar, 6));
        assertTrue(PlotPixels.near(img, byClass.px(0.375), lowRow, 0, attackBar, 6));
        assertFalse(PlotPixels.near(img, byClass.px(0.625), lowRow, 15, realBar, 6));
        assertFalse(PlotPixels.near(img, byClass.px(0.625), lowRow, 15, attackBar, 6));
        assertTrue(PlotPixels.near(img, byClass.px(0.6), lowRow, 1, Palette.THRESHOLD, 30), "threshold line");
        assertFalse(PlotPixels.near(img, byClass.px(0.5), lowRow, 3, Palette.THRESHOLD, 30));
        // shares: 3 of 4 attacks in one bin; the bar's top is at 0.75 of its group
        assertTrue(PlotPixels.near(img, byClass.px(0.125), byClass.py(0.7), 0, attackBar, 6));
        assertFalse(PlotPixels.near(img, byClass.px(0.125), byClass.py(0.8), 1, attackBar, 6));

        Panel byMethod = chart.panel(1);
        Color thirdGroup = PlotPixels.overWhite(Palette.series(2), ScoreHistogram.FILL_ALPHA);
        assertTrue(PlotPixels.near(img, byMethod.px(0.375), byMethod.py(0.5), 0, thirdGroup, 6), "NeuralTextures bar");
        assertTrue(PlotPixels.near(img, byMethod.px(0.6), byMethod.py(0.1), 1, Palette.THRESHOLD, 30));
    }

    @Test
    void curvesFollowTheirRunLogSeriesInTwoPanels() throws IOException {
        RunHistory.Series loss = new RunHistory.Series("loss", new double[] {0, 100, 200}, new double[] {1.0, 0.5, 0.25});
        RunHistory.Series auc = new RunHistory.Series("val AUC", new double[] {100, 200}, new double[] {0.8, 0.9});
        RunHistory.Series acer = new RunHistory.Series("val ACER", new double[] {0, 150}, new double[] {Double.NaN, 0.82});
        Chart chart = new CurvePlot().size(600, 500).add(loss).addSecondary(auc).addSecondary(acer).render();
        BufferedImage img = decode(chart);
        assertEquals(500, img.getHeight());
        Panel top = chart.panel(0);
        Panel bottom = chart.panel(1);
        assertTrue(PlotPixels.near(img, top.px(50), top.py(0.75), 1, CurvePlot.colorOf(0), 10));
        assertTrue(PlotPixels.near(img, top.px(150), top.py(0.375), 1, CurvePlot.colorOf(0), 10));
        assertFalse(PlotPixels.near(img, top.px(50), top.py(0.3), 5, CurvePlot.colorOf(0), 60));
        assertTrue(PlotPixels.near(img, bottom.px(150), bottom.py(0.85), 1, CurvePlot.colorOf(1), 10));
        // the one finite point of a series is a dot
        assertTrue(PlotPixels.near(img, bottom.px(150), bottom.py(0.82), 0, CurvePlot.colorOf(2), 10));
        assertFalse(PlotPixels.near(img, bottom.px(120), bottom.py(0.82), 2, CurvePlot.colorOf(2), 60));
        Rectangle a = bottom.area();
        assertTrue(a.y > top.area().y + top.area().height, "secondary panel below the main one");
        assertEquals(top.px(150), bottom.px(150), 1e-9);
    }

    @Test
    void niceTicks() {
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), Axis.linear(0, 1, "x").ticks(6));
        Axis steps = Axis.linear(-35, 2100, "step");
        List<Double> t = steps.ticks(8);
        assertEquals(List.of(0.0, 500.0, 1000.0, 1500.0, 2000.0), t);
        assertEquals("1500", steps.format(1500, t));
        assertEquals("0.4", Axis.linear(0, 1, "x").format(0.4, Axis.linear(0, 1, "x").ticks(6)));
        assertEquals("1e-3", Axis.logarithmic(1e-3, 1, "x").format(1e-3, List.of()));
    }

    @Test
    void plotsOfARealEvaluationRender() throws IOException {
        // smoke: a MetricReport's curve and threshold go straight in
        int[] labels = {0, 1, 0, 1, 0, 1};
        double[] scores = {0.7, 0.4, 0.6, 0.65, 0.9, 0.1};
        var report = Metrics.evaluate(labels, scores, ThresholdRule.AUTO);
        Chart roc = new RocPlot().add("frame", report.roc()).render();
        Chart hist = new ScoreHistogram(scores, labels, null).threshold(report.threshold()).render();
        assertEquals(1, hist.panels().size());
        assertTrue(decode(roc).getWidth() > 0);
        assertTrue(decode(hist).getWidth() > 0);
    }

    @Test
    void theCurvesLegendGoesWhereNoLinePasses() {
        double[] steps = {0, 25, 50, 75, 100};
        // a chance-level test AUC along the bottom and one rising to the top right: only the top left is free
        RunHistory.Series chance = new RunHistory.Series("test/AUC replay", steps, new double[] {0.5, 0.5, 0.5, 0.5, 0.5});
        RunHistory.Series rising = new RunHistory.Series("test/AUC prot1", steps, new double[] {0.5, 0.6, 0.8, 0.95, 1.0});
        Axis x = new Axis(0, 100, false, "step");
        Axis y = new Axis(0.5, 1.0, false, "AUC");
        assertEquals(Panel.Corner.TOP_LEFT, CurvePlot.leastCoveredCorner(java.util.List.of(chance, rising), x, y));
        // a loss falling from the top left to the bottom right leaves the top right free
        RunHistory.Series loss = new RunHistory.Series("loss", steps, new double[] {1.0, 0.6, 0.3, 0.1, 0.05});
        assertEquals(Panel.Corner.TOP_RIGHT, CurvePlot.leastCoveredCorner(java.util.List.of(loss), x, new Axis(0, 1, false, "loss")));
    }
}
