package org.unidefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.unidefense.engine.SyntheticRuns;
import org.unidefense.engine.SyntheticRunsExtension;
import org.unidefense.data.SplitIndex;
import org.unidefense.data.dataset.SplitIndexBuilder;
import org.unidefense.data.dataset.Stage;
import org.unidefense.data.loader.SplitLoaders;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.model.weights.ModelCheckpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code unidefense train} then {@code unidefense test} on a tiny synthetic UniAttack benchmark. */
class TrainTestCommandTest {
    @RegisterExtension
    static final SyntheticRunsExtension runs = new SyntheticRunsExtension();

    @Test
    void trainThenTestWritesTheRunAndTransfersTheValThresholdToTest() throws IOException {
        Path model = runs.modelFile(3, "e2e", 2, 1, "");
        MainTest.Run train = new MainTest.Run("train", "--config", model.toString(), "--runs", runs.runs().toString());
        assertEquals(ExitCodes.OK, train.code, train.err);
        Path dir = runs.runs().resolve("UDR18/e2e");
        for (String f : new String[] {"config.yaml", "records.txt", "metrics.jsonl", "best.pt", "best_val.pt",
                "latest.pt", "latest-2.state"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        assertEquals(2L, ModelCheckpoint.read(dir.resolve("latest.pt")).contents().longEntry("step").orElseThrow());
        for (String selected : new String[] {"best.pt", "best_val.pt"}) {
            // a selected model is saved at the step that selected it, and records that step as its best_step
            var c = ModelCheckpoint.read(dir.resolve(selected)).contents();
            assertEquals(c.longEntry("step").orElseThrow(), c.longEntry("best_step").orElseThrow(), selected);
        }

        // the reference's rule: a new run refuses an existing id (a config error, exit code 3)
        MainTest.Run again = new MainTest.Run("train", "--config", model.toString(), "--runs", runs.runs().toString());
        assertEquals(ExitCodes.BAD_INPUT, again.code);
        assertTrue(again.err.contains("already exists"), again.err);

        MainTest.Run test = new MainTest.Run("test", "--config", model.toString(), "--runs", runs.runs().toString());
        assertEquals(ExitCodes.OK, test.code, test.err);
        assertTrue(test.out.contains("test video") && test.out.contains("ACER"), test.out);
        JsonNode json = new ObjectMapper().readTree(dir.resolve("test_metrics.json").toFile());
        JsonNode best = json.get("best").get("metrics");
        // the val frames' EER threshold is the one applied to the test frames and videos
        double valThreshold = best.get("val/frame/Thre").asDouble();
        assertEquals(valThreshold, best.get("test/frame/Thre").asDouble(), 0.0);
        assertEquals(valThreshold, best.get("test/video/Thre").asDouble(), 0.0);
        assertEquals(valThreshold, json.get("best").get("threshold").asDouble(), 0.0);
        // video level: one score per test video (frames averaged), frame level: one per frame
        ResolvedConfig cfg = SyntheticRuns.load(model);
        SplitIndex idx = SplitIndexBuilder.forRun(SplitLoaders.cropMode(cfg)).build(cfg.dataset(), Stage.TEST);
        var testPart = idx.test().get(0);
        assertEquals(testPart.real().size(), best.get("test/frame/NumP").asInt());
        assertEquals(testPart.fake().size(), best.get("test/frame/NumN").asInt());
        assertEquals(testPart.real().videoIds().size(), best.get("test/video/NumP").asInt());
        assertEquals(testPart.fake().videoIds().size(), best.get("test/video/NumN").asInt());
        assertTrue(testPart.real().videoIds().size() < testPart.real().size(), "videos hold several frames");
        assertTrue(json.has("best_val"));
        assertTrue(Files.isRegularFile(dir.resolve("test_best/report.html")));
        assertTrue(Files.isRegularFile(dir.resolve("test_best_val/roc.png")));
    }

    @Test
    void testOfAMissingRunIsAConfigError() {
        Path model = runs.modelFile(3, "never", 2, 1, "");
        MainTest.Run test = new MainTest.Run("test", "--config", model.toString(), "--runs", runs.runs().toString());
        assertEquals(ExitCodes.BAD_INPUT, test.code);
        assertTrue(test.err.contains("does not exist"), test.err);
    }
}
