package org.unidefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.testing.Fixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelAndBenchCommandTest {
    /** A bad --precision / --memory-format is a usage error naming the accepted values, not an exception's class. */
    @Test
    void badPrecisionOrMemoryFormatIsAPlainUsageError() {
        MainTest.Run p = new MainTest.Run("bench", "--precision", "fp8");
        assertEquals(ExitCodes.USAGE, p.code, p.err);
        assertTrue(p.err.contains("Invalid value for option '--precision': unknown precision 'fp8'; expected one of [fp32, bf16, fp16]"), p.err);
        MainTest.Run m = new MainTest.Run("profile", "--memory-format", "nhwc");
        assertEquals(ExitCodes.USAGE, m.code, m.err);
        assertTrue(m.err.contains("Invalid value for option '--memory-format': unknown memory format 'nhwc'"), m.err);
        assertTrue(!p.err.contains("Exception") && !m.err.contains("Exception"), p.err + m.err);
    }

    @Test
    void summaryTotalEqualsTheReferenceStateDictSize() {
        long expected = 0;
        for (JsonNode e : Fixture.of("A_udr18").manifest().path("state_dicts").path("weights").path("entries")) {
            expected += e.path("stats").path("numel").asLong();
        }
        MainTest.Run r = new MainTest.Run("model", "summary", "--config", "config_template/ocim/model_udr18.yml",
                "--depth", "1");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains(String.format(Locale.ROOT, "%,d in the state dict", expected)), r.out);
        assertTrue(r.out.contains("  extractor ("), "depth 1 lists the top-level modules: " + r.out);
        assertTrue(!r.out.contains("    "), "depth 1 stops there: " + r.out);
    }

    /** RECCE's model file: the totals are those of the reference's state dict (R_recce, 362 keys). */
    @Test
    void recceSummaryTotalEqualsTheReferenceStateDictSize() {
        long expected = 0;
        for (JsonNode e : Fixture.of("R_recce").manifest().path("state_dicts").path("weights").path("entries")) {
            expected += e.path("stats").path("numel").asLong();
        }
        MainTest.Run r = new MainTest.Run("model", "summary", "--config", "config_template/recce/model_recce_ffc40.yml",
                "--depth", "1");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains(String.format(Locale.ROOT, "%,d in the state dict", expected)), r.out);
        assertTrue(r.out.contains("Recce: 25,830,509 parameters"), r.out);
        assertTrue(r.out.contains("  reasoning ("), r.out);
    }

    @Test
    void summaryOfAMissingConfigIsABadInputError() {
        MainTest.Run r = new MainTest.Run("model", "summary", "--config", "no/such/model.yml");
        assertEquals(ExitCodes.BAD_INPUT, r.code);
        assertTrue(r.err.contains("no/such/model.yml"), r.err);
    }

    @Test
    void benchWritesConsistentJson(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bench.json");
        MainTest.Run r = new MainTest.Run("bench", "--model", "UDR18", "--batch", "2", "--size", "32",
                "--repeats", "2", "--warmup", "0", "--threads", "1", "--out", out.toString());
        assertEquals(0, r.code, r.err);
        JsonNode j = new ObjectMapper().readTree(Files.readString(out));
        assertEquals("UDR18", j.get("model").asText());
        assertEquals(2, j.get("timed_runs").asInt());
        double median = j.get("seconds_per_batch_median").asDouble();
        assertTrue(j.get("seconds_per_batch_min").asDouble() <= median && median <= j.get("seconds_per_batch_max").asDouble());
        assertEquals(2 / median, j.get("images_per_second_median").asDouble(), 1e-9);
        assertTrue(j.get("peak_rss_mb").asDouble() >= j.get("rss_start_mb").asDouble());
        assertEquals(j, new ObjectMapper().readTree(r.out), "stdout and --out carry the same report");
    }

    @Test
    void loaderBenchReportsBothWorkerCounts() throws Exception {
        MainTest.Run r = new MainTest.Run("bench", "--workload", "loader", "--batch", "8", "--size", "32",
                "--repeats", "1");
        assertEquals(0, r.code, r.err);
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertEquals(128, j.get("images_per_epoch").asInt());
        for (String w : new String[]{"workers_1", "workers_2"}) {
            assertTrue(j.get(w).get("images_per_second_median").asDouble() > 0, r.out);
        }
    }

    @Test
    void trainStepBenchTimesEveryStepAndTracksMemory() throws Exception {
        MainTest.Run r = new MainTest.Run("bench", "--workload", "train", "--config", "config_template/ocim/model_udr18.yml",
                "--batch", "2", "--size", "32", "--warmup", "1", "--repeats", "2", "--threads", "1");
        assertEquals(0, r.code, r.err);
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertEquals("UDR18", j.get("model").asText());
        assertEquals(2, j.get("timed_steps").asInt());
        double median = j.get("seconds_per_step_median").asDouble();
        assertTrue(j.get("seconds_per_step_min").asDouble() <= median && median <= j.get("seconds_per_step_max").asDouble());
        assertTrue(j.get("peak_rss_mb").asDouble() >= j.get("rss_end_mb").asDouble());
    }

    @Test
    void trainStepBenchNeedsAConfig() {
        MainTest.Run r = new MainTest.Run("bench", "--workload", "train");
        assertEquals(ExitCodes.BAD_INPUT, r.code);
        assertTrue(r.err.contains("--config"), r.err);
    }

    @Test
    void benchRejectsNonsenseSizes() {
        MainTest.Run r = new MainTest.Run("bench", "--batch", "0");
        assertEquals(ExitCodes.USAGE, r.code);
    }
}
