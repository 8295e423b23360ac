package org.unidefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code unidefense config show} end to end, in-process. */
class ConfigCommandTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    private static JsonNode parse(String yaml) throws Exception {
        return YAML.readTree(yaml);
    }

    @Test
    void showPrintsTheResolvedConfigWithTheDatasetMergedIn() throws Exception {
        MainTest.Run r = new MainTest.Run("config", "show", "--config", "config_template/ocim/model_udr18.yml");
        assertEquals(ExitCodes.OK, r.code, r.err);
        assertEquals("", r.err);
        JsonNode y = parse(r.out);
        assertEquals("UDR18", y.at("/model/name").asText());
        assertEquals(448, y.at("/model/mid_depth").asInt()); // default filled in
        assertEquals("OCIM", y.at("/config/engine").asText());
        assertEquals(0.0001, y.at("/config/optimizer/lr").asDouble());
        assertEquals("ConstantLR", y.at("/config/scheduler/name").asText());
        assertEquals("config_template/ocim/data_c.yml", y.at("/data/file").asText());
        assertEquals(8000, y.at("/dataset/num_steps").asInt());
        assertEquals("C", y.at("/dataset/test_dataset/0").asText());
        assertEquals("RandomResizedCrop", y.at("/dataset/train_transforms/0/name").asText());
    }

    @Test
    void showAppliesTheReferenceOverrides() throws Exception {
        MainTest.Run r = new MainTest.Run("config", "show", "--config", "config_template/ocim/model_udr18.yml",
                "--engine", "OCIM", "-r", "1", "--exp_id", "E7", "--ds_config", "config_template/ocim/data_m.yml",
                "--offline");
        assertEquals(ExitCodes.OK, r.code, r.err);
        JsonNode y = parse(r.out);
        assertEquals(1, y.at("/config/local_rank").asInt());
        assertEquals("E7", y.at("/config/id").asText());
        assertEquals("config_template/ocim/data_m.yml", y.at("/data/file").asText());
        assertEquals("M", y.at("/dataset/test_dataset/0").asText());
    }

    @Test
    void showPrintsWarningsOnTheErrorStream() throws Exception {
        String model = Files.readString(Path.of("config_template/ocim/model_udr18.yml"))
                .replace("  warmup_step: 0", "  warmup_stpe: 0");
        Path f = dir.resolve("model.yml");
        Files.writeString(f, model);
        MainTest.Run r = new MainTest.Run("config", "show", "--config", f.toString());
        assertEquals(ExitCodes.OK, r.code, r.err);
        assertTrue(r.err.contains("warning: "), r.err);
        assertTrue(r.err.contains("did you mean 'config.warmup_step'?"), r.err);
    }

    @Test
    void malformedYamlExitsWithCodeThreeAndNoStackTrace() {
        MainTest.Run r = new MainTest.Run("config", "show", "--config",
                "java/core/src/test/resources/config/malformed_model.yml");
        assertEquals(ExitCodes.BAD_INPUT, r.code);
        assertTrue(r.err.contains("malformed_model.yml:5"), r.err);
        assertTrue(r.err.contains("malformed YAML"), r.err);
        assertFalse(r.err.contains("\tat "), r.err);
        assertFalse(r.err.contains("Exception"), r.err);
    }

    @Test
    void engineThatDoesNotFitTheDatasetExitsWithCodeThree() {
        MainTest.Run r = new MainTest.Run("config", "show", "--config", "config_template/forgery/model_udeb4.yml",
                "--engine", "UE");
        assertEquals(ExitCodes.BAD_INPUT, r.code);
        assertTrue(r.err.contains("engine FE"), r.err);
    }

    @Test
    void unknownEngineIsAUsageError() {
        MainTest.Run r = new MainTest.Run("config", "show", "--config", "config_template/ocim/model_udr18.yml",
                "--engine", "XY");
        assertEquals(ExitCodes.USAGE, r.code);
        assertTrue(r.err.contains("FE, OCIM, UE"), r.err);
    }

    @Test
    void configIsRequired() {
        MainTest.Run r = new MainTest.Run("config", "show");
        assertEquals(ExitCodes.USAGE, r.code);
        assertTrue(r.err.contains("--config"), r.err);
    }

    @Test
    void showOutputLoadsAgainToTheSameConfig() throws Exception {
        // Defaults are filled in once and for all: feeding the printed config back changes nothing.
        for (String model : new String[] {"config_template/forgery/model_udeb4.yml",
                "config_template/ocim/model_udr18.yml", "config_template/uniatt/Prot3/model_udr50.yml"}) {
            MainTest.Run first = new MainTest.Run("config", "show", "--config", model);
            assertEquals(ExitCodes.OK, first.code, first.err);
            Path copy = dir.resolve("resolved.yml");
            Files.writeString(copy, first.out);
            MainTest.Run second = new MainTest.Run("config", "show", "--config", copy.toString());
            assertEquals(ExitCodes.OK, second.code, second.err);
            // the only complaint: the informational 'dataset' block is not read back (data.file is)
            assertEquals(1, second.err.lines().count(), second.err);
            assertTrue(second.err.contains("unknown key 'dataset'"), second.err);
            JsonNode a = parse(first.out);
            JsonNode b = parse(second.out);
            ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove("cfg_path");
            ((com.fasterxml.jackson.databind.node.ObjectNode) b).remove("cfg_path");
            assertEquals(a, b, model);
        }
    }

    @Test
    void eachWarningIsPrintedOnce() throws Exception {
        String model = Files.readString(Path.of("config_template/ocim/model_udr18.yml"))
                .replace("  warmup_step: 0", "  warmup_stpe: 0");
        Path f = dir.resolve("model-once.yml");
        Files.writeString(f, model);
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream logged = new java.io.ByteArrayOutputStream();
        MainTest.Run r;
        try {
            // the logger writes to the process's stderr, picocli to the command's: count both
            System.setErr(new java.io.PrintStream(logged, true, java.nio.charset.StandardCharsets.UTF_8));
            r = new MainTest.Run("config", "show", "--config", f.toString());
        } finally {
            System.setErr(saved);
        }
        String all = r.err + logged.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(1, all.split("warmup_stpe", -1).length - 1, all);
    }
}
