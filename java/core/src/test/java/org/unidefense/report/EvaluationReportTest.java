package org.unidefense.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.metrics.LevelReports;
import org.unidefense.metrics.MetricReport;
import org.unidefense.metrics.Metrics;
import org.unidefense.metrics.SklearnConvention;
import org.unidefense.metrics.ThresholdRule;

class EvaluationReportTest {
    @TempDir
    Path dir;

    /** 4 real videos and 4 fake ones (2 methods), 3 frames each, scores overlapping a little. */
    private static final String[] METHODS = {"youtube", "Deepfakes", "FaceSwap"};

    private record Data(List<String> paths, int[] labels, double[] scores, String[] methods) {
    }

    private static Data data() {
        List<String> paths = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        for (int v = 0; v < 8; v++) {
            boolean real = v < 4;
            String method = real ? METHODS[0] : METHODS[1 + v % 2];
            for (int f = 0; f < 3; f++) {
                paths.add(method + "/video" + v + "/frame" + f + ".png");
                labels.add(real ? 0 : 1);
                scores.add(real ? 0.55 + 0.1 * v + 0.01 * f : 0.05 + 0.1 * (v - 4) + 0.07 * f);
                methods.add(method);
            }
        }
        return new Data(paths, labels.stream().mapToInt(Integer::intValue).toArray(),
                scores.stream().mapToDouble(Double::doubleValue).toArray(), methods.toArray(String[]::new));
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.parseDouble(n.asText());
    }

    @Test
    void writesEveryFileAndMetricsJsonReadsBackToTheSameNumbers() throws IOException {
        Data d = data();
        LevelReports levels = Metrics.frameAndVideo(d.paths(), d.labels(), d.scores(), ThresholdRule.AUTO,
                SklearnConvention.SKLEARN_1_3);
        Path log = dir.resolve("metrics.jsonl");
        try (RunLog runLog = RunLog.open(log)) {
            for (int step = 0; step <= 300; step += 100) {
                runLog.log(step, Map.of("loss", 1.0 / (1 + step)));
            }
            runLog.log(300, Map.of("val_AUC", 0.9));
        }
        Path out = dir.resolve("eval");
        List<Path> written = new EvaluationReport("FF++ <c23> test").levels(levels).thresholdRule(ThresholdRule.AUTO)
                .samples(d.scores(), d.labels(), d.methods())
                .history(RunHistory.read(log), List.of("loss"), List.of("val_AUC"))
                .writeTo(out);

        Set<String> names = Set.of("roc.png", "scores.png", "curves.png", "metrics.json", "report.html");
        assertEquals(names, written.stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        try (Stream<Path> files = Files.list(out)) {
            // nothing else: no temporary files left behind
            assertEquals(names, files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        for (String png : List.of("roc.png", "scores.png", "curves.png")) {
            BufferedImage img = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(img, png);
        }

        JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals("FF++ <c23> test", json.get("title").asText());
        assertEquals("auto", json.get("threshold_rule").asText());
        for (String level : List.of("frame", "video")) {
            MetricReport r = level.equals("frame") ? levels.frame() : levels.video();
            Map<String, Number> expected = r.toMap();
            JsonNode node = json.get(level);
            assertEquals(List.of(MetricReport.KEYS), iterableNames(node));
            for (String key : MetricReport.KEYS) {
                assertEquals(expected.get(key).doubleValue(), number(node.get(key)), 0.0, level + " " + key);
            }
            assertEquals(r.threshold(), number(json.get("threshold").get(level)), 0.0);
        }
        JsonNode methods = json.get("methods");
        assertEquals(3, methods.size());
        assertEquals("youtube", methods.get(0).get("method").asText());
        assertEquals(12, methods.get(0).get("count").asInt());
        assertEquals("real", methods.get(0).get("class").asText());
        assertEquals(0.71, methods.get(0).get("mean_score").asDouble(), 1e-12);

        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<title>FF++ &lt;c23&gt; test</title>"));
        for (String png : List.of("roc.png", "scores.png", "curves.png")) {
            String embedded = "data:image/png;base64," + Base64.getEncoder().encodeToString(Files.readAllBytes(out.resolve(png)));
            assertTrue(html.contains(embedded), png + " embedded byte for byte");
            assertTrue(html.contains("href=\"" + png + "\""), png + " linked");
        }
        assertTrue(html.contains("<tr><td>NumP</td><td>" + levels.frame().numPositives() + "</td><td>"
                + levels.video().numPositives() + "</td></tr>"));
        assertFalse(html.contains("src=\"/"), "no paths outside the page");
        assertTrue(Files.getPosixFilePermissions(out.resolve("report.html"))
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ), "shareable, not 0600");
    }

    @Test
    void withoutSamplesOrHistoryOnlyTheRocGoesIn() throws IOException {
        Data d = data();
        MetricReport frame = Metrics.evaluate(d.labels(), d.scores(), ThresholdRule.fixed(0.5));
        List<Path> written = new EvaluationReport("frame only").level("frame", frame).writeTo(dir);
        assertEquals(List.of("roc.png", "metrics.json", "report.html"),
                written.stream().map(p -> p.getFileName().toString()).toList());
        String html = Files.readString(dir.resolve("report.html"));
        assertEquals(1, html.split("data:image/png;base64,", -1).length - 1);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("metrics.json").toFile());
        assertEquals(0.5, json.get("frame").get("Thre").asDouble());
    }

    @Test
    void methodBreakdownCountsCorrectDecisionsAtTheThreshold() {
        List<MethodBreakdown> rows = MethodBreakdown.of(new double[] {0.9, 0.4, 0.25, 0.75, 0.6},
                new int[] {0, 0, 1, 1, 1}, new String[] {"real", "real", "print", "print", "replay"}, 0.5);
        assertEquals(List.of(new MethodBreakdown("real", "real", 2, 0.65, 0.5),
                new MethodBreakdown("print", "attack", 2, 0.5, 0.5),
                new MethodBreakdown("replay", "attack", 1, 0.6, 0.0)), rows);
    }

    private static List<String> iterableNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
