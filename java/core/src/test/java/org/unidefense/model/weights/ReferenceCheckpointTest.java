package org.unidefense.model.weights;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.checkpoint.PyOrderedDict;
import org.unidefense.checkpoint.StoredTensor;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.ModelOutput;
import org.unidefense.model.TensorAssert;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Tensors;
import org.unidefense.testing.Fixture;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoints laid out as the reference's engines save them (built here from the A_udr18
 * fixture weights) load by exact key, and the loaded model reproduces the reference's forward.
 */
class ReferenceCheckpointTest {
    private static final Fixture A = Fixture.of("A_udr18");

    @TempDir
    Path dir;

    @Test
    void ddpPrefixedEngineCheckpointReproducesTheReferenceForward() {
        Path file = WeightFiles.referenceCheckpoint(dir.resolve("best_model.bin"),
                WeightFiles.storedStateDict(A, "weights", "module."));

        ReferenceCheckpoint c = ReferenceCheckpoint.read(file);
        assertEquals(Optional.of("model"), c.stateDictKey());
        assertTrue(c.prefixRemoved());
        assertEquals(Optional.of(90L), c.longEntry("best_step"));
        assertEquals(Optional.of(0.9375), c.numberEntry("best_auc"));
        assertFalse(c.entries().containsKey("model"));

        UniDefenseModel model = ModelRegistry.create("UDR18");
        c.loadInto(model);
        model.eval();
        try (NoGradGuard g = new NoGradGuard()) {
            ModelOutput out = model.forward(Tensors.fromFloats(A.floats("input"), A.shape("input")));
            // the tolerance the parity tests use for this fixture
            TensorAssert.assertClose("cls_out", A.floats("cls_out"), A.shape("cls_out"), out.clsOut(), 5e-4, 1e-3);
        }
    }

    @Test
    void aBareStateDictLoadsToo() {
        Path file = dir.resolve("weights.pth");
        TorchSaveWriter.write(WeightFiles.storedStateDict(A, "weights", ""), file);
        ReferenceCheckpoint c = ReferenceCheckpoint.read(file);
        assertEquals(Optional.empty(), c.stateDictKey());
        assertFalse(c.prefixRemoved());

        UniDefenseModel model = ModelRegistry.create("UDR18");
        c.loadInto(model);
        Tensor w = model.stateDict().get("classifier.fc.weight");
        assertArrayEquals(A.stateDict("weights").get("classifier.fc.weight").floats(), Tensors.toFloats(w), 0f);
    }

    @Test
    void everyKeyProblemIsReportedAtOnceAndNothingIsLoaded() {
        PyOrderedDict sd = WeightFiles.storedStateDict(A, "weights", "");
        sd.remove("bottleneck.running_var");
        sd.put("classifier.fc.weight", StoredTensor.ofFloats(new float[3], 1, 3));
        sd.put("head.extra", StoredTensor.ofFloats(new float[1], 1));
        Path file = WeightFiles.referenceCheckpoint(dir.resolve("latest_model.bin"), sd);

        UniDefenseModel model = ModelRegistry.create("UDR18");
        float[] before = Tensors.toFloats(model.stateDict().get("extractor.conv1.weight"));
        UserInputException e = assertThrows(UserInputException.class, () -> ReferenceCheckpoint.read(file).loadInto(model));
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()) && m.contains("[model]"), m);
        assertTrue(m.contains("1 missing keys: bottleneck.running_var"), m);
        assertTrue(m.contains("1 unexpected keys: head.extra"), m);
        assertTrue(m.contains("classifier.fc.weight has shape [1, 3], expected [2, 512]"), m);
        assertArrayEquals(before, Tensors.toFloats(model.stateDict().get("extractor.conv1.weight")), 0f);
    }
}
