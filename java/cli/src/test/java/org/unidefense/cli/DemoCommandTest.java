package org.unidefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.data.store.LmdbImageStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code unidefense demo} at toy size: every stage runs and each test reads the split it should. */
class DemoCommandTest {
    @TempDir
    static Path tmp;

    @AfterAll
    static void close() {
        LmdbImageStore.closeAll();
    }

    @Test
    void demoTrainsOnProtocolThreeAndTestsOnTheHeldOutAttackAndOnProtocolOne() throws IOException {
        Path dir = tmp.resolve("demo");
        String[] args = {"demo", "--dir", dir.toString(), "--steps", "2", "--batch", "2", "--size", "32",
                "--videos-per-method", "1", "--frames", "2"};
        MainTest.Run r = new MainTest.Run(args);
        assertEquals(ExitCodes.OK, r.code, r.err);
        Path run = dir.resolve("runs/UDR18/demo");
        ObjectMapper json = new ObjectMapper();
        // Protocol III (replay held out) tests on HQ-WMCA: 1 real video and 1 replay video of 2 frames
        JsonNode p3 = json.readTree(run.resolve("test_metrics.json").toFile()).get("best").get("metrics");
        assertEquals(2, p3.get("test/frame/NumP").asInt());
        assertEquals(2, p3.get("test/frame/NumN").asInt());
        // Protocol I tests on FF++: 1 real video, 4 forgery methods x 1 video, 2 frames each
        JsonNode p1 = json.readTree(run.resolve("test_metrics_prot1.json").toFile()).get("best").get("metrics");
        assertEquals(2, p1.get("test/frame/NumP").asInt());
        assertEquals(8, p1.get("test/frame/NumN").asInt());
        assertTrue(Files.isRegularFile(run.resolve("test_best/report.html")));
        assertTrue(Files.isRegularFile(run.resolve("test_best_prot1/report.html")));
        assertTrue(r.out.contains("Protocol I (FF++)") && r.out.contains("frame AUC"), r.out);
        // the replay attack never reaches training
        String trainedOn = Files.readString(dir.resolve("config/data_prot3_replay.yml"));
        String trainFakes = trainedOn.lines().filter(l -> l.startsWith("train_fake_method")).findFirst().orElseThrow();
        assertTrue(!trainFakes.contains("Replay") && trainFakes.contains("HQ-Makeup"), trainFakes);

        // a second demo in the same folder keeps the benchmark and the first run
        MainTest.Run again = new MainTest.Run(args);
        assertEquals(ExitCodes.OK, again.code, again.err);
        assertTrue(again.out.contains("using the synthetic benchmark already in"), again.out);
        assertTrue(Files.isRegularFile(dir.resolve("runs/UDR18/demo-2/test_metrics_prot1.json")));
        assertTrue(Files.isRegularFile(run.resolve("best.pt")));
    }

    /** {@code --model Recce}: the same benchmark, steps and tests with RECCE, in runs/Recce/. */
    @Test
    void demoWithRecceTrainsAndTestsRecceOnTheSameProtocols() throws IOException {
        Path dir = tmp.resolve("demo-recce");
        MainTest.Run r = new MainTest.Run("demo", "--model", "recce", "--dir", dir.toString(), "--steps", "2",
                "--batch", "2", "--size", "32", "--videos-per-method", "1", "--frames", "2");
        assertEquals(ExitCodes.OK, r.code, r.err);
        Path run = dir.resolve("runs/Recce/demo");
        ObjectMapper json = new ObjectMapper();
        JsonNode p1 = json.readTree(run.resolve("test_metrics_prot1.json").toFile()).get("best").get("metrics");
        assertEquals(2, p1.get("test/frame/NumP").asInt());
        assertEquals(8, p1.get("test/frame/NumN").asInt());
        assertTrue(r.out.contains("demo finished") && r.out.contains("Recce"), r.out);
        assertTrue(Files.readString(dir.resolve("config/model_demo.yml")).contains("name: Recce"));
    }

    @Test
    void unknownDemoModelIsAUsageError() {
        MainTest.Run r = new MainTest.Run("demo", "--model", "UDR50", "--dir", tmp.resolve("bad2").toString());
        assertEquals(ExitCodes.USAGE, r.code);
        assertTrue(r.err.contains("UDR18 or Recce"), r.err);
    }

    @Test
    void nonPositiveStepsAreAUsageError() {
        MainTest.Run r = new MainTest.Run("demo", "--dir", tmp.resolve("bad").toString(), "--steps", "0");
        assertEquals(ExitCodes.USAGE, r.code);
        assertTrue(r.err.contains("steps must be positive"), r.err);
        assertTrue(!Files.exists(tmp.resolve("bad")), "nothing is written for a bad option");
    }
}
