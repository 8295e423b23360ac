package org.unidefense.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.checkpoint.PyOrderedDict;
import org.unidefense.model.weights.WeightFiles;
import org.unidefense.testing.Fixture;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code model summary --weights}: a reference checkpoint loads into the configured model, or every key problem is listed. */
class ModelSummaryWeightsTest {
    @TempDir
    Path dir;

    /** The project's OCIM UDR18 template: the model summary only builds the network from it. */
    private static String config() {
        return "config_template/ocim/model_udr18.yml";
    }

    @Test
    void loadsAReferenceEngineCheckpoint() throws IOException {
        PyOrderedDict sd = WeightFiles.storedStateDict(Fixture.of("A_udr18"), "weights", "module.");
        Path ckpt = WeightFiles.referenceCheckpoint(dir.resolve("best_model.bin"), sd);

        MainTest.Run r = new MainTest.Run("model", "summary", "--config", config(), "--depth", "1",
                "--weights", ckpt.toString());

        assertEquals(ExitCodes.OK, r.code, r.err);
        assertTrue(r.out.contains("weights: loaded all " + sd.size() + " tensors from " + ckpt
                + " (state dict under 'model'), 'module.' prefix removed, best_step 90, step 100"), r.out);
    }

    @Test
    void listsEveryKeyProblemAndExitsWithBadInput() throws IOException {
        PyOrderedDict sd = WeightFiles.storedStateDict(Fixture.of("A_udr18"), "weights", "");
        sd.remove("classifier.fc.bias");
        sd.put("fc.weight", sd.remove("classifier.fc.weight"));
        Path ckpt = WeightFiles.referenceCheckpoint(dir.resolve("latest_model.bin"), sd);

        MainTest.Run r = new MainTest.Run("model", "summary", "--config", config(), "--weights", ckpt.toString());

        assertEquals(ExitCodes.BAD_INPUT, r.code, r.out + r.err);
        assertTrue(r.err.contains("2 missing keys: classifier.fc.weight, classifier.fc.bias"), r.err);
        assertTrue(r.err.contains("1 unexpected keys: fc.weight"), r.err);
    }
}
