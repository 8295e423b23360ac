package org.unidefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileCommandTest {
    private static final String UDR18 = "config_template/ocim/model_udr18.yml";

    @Test
    void zeroStepsIsAUsageError(@TempDir Path dir) {
        MainTest.Run r = new MainTest.Run("profile", "--config", UDR18, "--steps", "0", "--out", dir.toString());
        assertEquals(ExitCodes.USAGE, r.code, r.err);
        assertTrue(r.err.contains("--steps must be at least 1 (got 0)"), r.err);
        assertFalse(r.err.contains("Exception"), "no stack trace: " + r.err);
        assertFalse(Files.exists(dir.resolve("trace.json")));
    }

    @Test
    void aBrokenConfigIsABadInputErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken_model.yml");
        Files.writeString(bad, "model:\n  name: UDR18\n  num_classes: [2\n");
        MainTest.Run r = new MainTest.Run("profile", "--config", bad.toString(), "--out", dir.resolve("p").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code, r.err);
        assertTrue(r.err.contains("broken_model.yml"), r.err);

        MainTest.Run missing = new MainTest.Run("profile", "--config", "no/such/model.yml", "--out", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.code, missing.err);
        assertTrue(missing.err.contains("no/such/model.yml"), missing.err);
    }

    @Test
    void trainingNeedsAConfig(@TempDir Path dir) {
        MainTest.Run r = new MainTest.Run("profile", "--workload", "train", "--out", dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code, r.err);
        assertTrue(r.err.contains("--workload train needs --config"), r.err);
    }

    /** The whole command on a tiny eval workload in bf16, with the oneDNN child JVM (which must run bf16 too). */
    @Test
    void writesTraceTablesAndTheOneDnnTable(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("prof");
        MainTest.Run r = new MainTest.Run("profile", "--workload", "eval", "--model", "UDR18", "--batch", "1",
                "--size", "32", "--steps", "2", "--warmup", "0", "--precision", "bf16", "--out", out.toString());
        assertEquals(0, r.code, r.err);
        ObjectMapper json = new ObjectMapper();
        JsonNode trace = json.readTree(Files.readString(out.resolve("trace.json")));
        assertTrue(trace.get("traceEvents").size() > 50);
        assertEquals("eval", trace.get("otherData").get("workload").asText());

        JsonNode profile = json.readTree(Files.readString(out.resolve("profile.json")));
        assertEquals(2, profile.get("table").get("steps").asInt());
        boolean extractor = false;
        for (JsonNode row : profile.get("table").get("rows")) {
            extractor |= row.get("name").asText().equals("extractor") && row.get("calls_per_step").asDouble() == 1.0;
        }
        assertTrue(extractor, "one extractor forward per eval step: " + profile.get("table"));
        assertTrue(profile.get("minor_page_faults_per_step").asDouble() >= 0);
        assertTrue(profile.get("allocator").isTextual());
        assertEquals("bf16", profile.get("precision").asText());
        assertEquals("channels_last", profile.get("memory_format").asText(), "UDR18's own format");

        JsonNode onednn = json.readTree(Files.readString(out.resolve("onednn.json")));
        boolean conv = false;
        for (JsonNode k : onednn.get("by_kind")) {
            conv |= k.get("kind").asText().equals("convolution") && k.get("calls").asInt() > 0;
        }
        assertTrue(conv, "the child's log holds convolutions: " + onednn);
        String log = Files.readString(out.resolve("onednn_verbose.log"));
        assertTrue(log.contains("onednn_verbose,"));
        assertTrue(log.matches("(?s).*convolution,[^\\n]*src:bf16.*"), "the child ran its convolutions in bf16");
        assertTrue(r.out.contains("module (forward only)") && r.out.contains("oneDNN primitives executed"), r.out);
    }
}
