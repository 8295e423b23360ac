package org.unidefense.model.weights;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.checkpoint.PythonValues;
import org.unidefense.checkpoint.StateDict;
import org.unidefense.checkpoint.StoredTensor;
import org.unidefense.checkpoint.TorchSaveFile;
import org.unidefense.config.ModelArch;
import org.unidefense.config.ModelConfig;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Tensors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** This project's checkpoints: the reference engines' layout plus a "unidefense" entry, and an exact round trip. */
class ModelCheckpointTest {
    @TempDir
    Path dir;

    private static final ModelConfig UDR18_CONFIG = ImageNetInitTest.resnetConfig(ModelArch.UDR18, null);

    @Test
    void roundTripRestoresTheExactStateDictInTheReferenceLayout() {
        UniDefenseModel saved = ModelRegistry.create(UDR18_CONFIG);
        try (NoGradGuard g = new NoGradGuard()) {
            saved.stateDict().get("bottleneck.num_batches_tracked").fill_(new Scalar(321));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("step", 10);
        metadata.put("best_step", 8L);
        metadata.put("best_auc", 0.75);
        metadata.put("optimizer", Map.of("lr", 1e-4, "exp_avg", List.of(Tensors.fromFloats(new float[]{1, 2}, 2))));
        Path file = dir.resolve("run/best_model.bin");
        ModelCheckpoint.save(file, saved, metadata, UDR18_CONFIG, 0.42);

        // what torch.load would see: the engines' dict with an OrderedDict state dict under "model"
        TorchSaveFile f = TorchSaveFile.read(file);
        Map<?, ?> top = (Map<?, ?>) f.root();
        assertEquals(List.of("step", "best_step", "best_auc", "optimizer", "model", "unidefense"), List.copyOf(top.keySet()));
        assertEquals(10L, top.get("step"));
        assertEquals(0.75, top.get("best_auc"));
        assertEquals("OrderedDict", PythonValues.typeName(top.get("model")));
        StateDict sd = f.stateDict("model");
        Map<String, Tensor> original = saved.stateDict();
        assertEquals(List.copyOf(original.keySet()), List.copyOf(sd.keys()), "Python's state_dict() order");
        assertFalse(sd.get("extractor.conv1.weight").requiresGrad(), "state_dict() holds plain tensors");
        Map<?, ?> own = (Map<?, ?>) top.get("unidefense");
        assertEquals(1L, own.get("format"));
        assertEquals("UDR18", own.get("architecture"));
        assertEquals(0.42, own.get("threshold"));
        assertEquals(448L, ((Map<?, ?>) own.get("model_config")).get("mid_depth"));
        Object moments = ((List<?>) ((Map<?, ?>) top.get("optimizer")).get("exp_avg")).get(0);
        assertArrayEquals(new float[]{1, 2}, ((StoredTensor) moments).toFloats());

        UniDefenseModel fresh = ModelRegistry.create("UDR18");
        assertNotEquals(Tensors.toFloats(original.get("extractor.conv1.weight"))[0],
                Tensors.toFloats(fresh.stateDict().get("extractor.conv1.weight"))[0], "a fresh init differs");
        ModelCheckpoint loaded = ModelCheckpoint.load(file, fresh);
        Map<String, Tensor> restored = fresh.stateDict();
        for (Map.Entry<String, Tensor> e : original.entrySet()) {
            Tensor r = restored.get(e.getKey());
            if (e.getValue().is_floating_point()) {
                assertArrayEquals(Tensors.toFloats(e.getValue()), Tensors.toFloats(r), 0f, e.getKey());
            } else {
                assertArrayEquals(Tensors.toLongs(e.getValue()), Tensors.toLongs(r), e.getKey());
            }
        }
        assertEquals(321L, Tensors.toLongs(restored.get("bottleneck.num_batches_tracked"))[0]);
        CheckpointInfo info = loaded.info().orElseThrow();
        assertEquals(0.42, info.threshold());
        assertEquals("UDR18", info.modelConfig().get("name"));
        assertEquals(List.of("step", "best_step", "best_auc", "optimizer"), List.copyOf(loaded.metadata().keySet()));
    }

    @Test
    void aCheckpointOfAnotherArchitectureIsRefusedByName() {
        Path file = dir.resolve("udr18.bin");
        ModelCheckpoint.save(file, ModelRegistry.create("UDR18"), Map.of("step", 1L));
        UniDefenseModel udr50 = ModelRegistry.create("UDR50");
        UserInputException e = assertThrows(UserInputException.class, () -> ModelCheckpoint.load(file, udr50));
        assertTrue(e.getMessage().contains("a checkpoint of a UDR18 model cannot be loaded into UDR50"), e.getMessage());
    }

    @Test
    void savingReplacesTheFileWholeAndKeepsNoTemporaryFiles() throws Exception {
        UniDefenseModel model = ModelRegistry.create("UDR18");
        Path file = dir.resolve("latest_model.bin");
        ModelCheckpoint.save(file, model, Map.of("step", 1L));
        ModelCheckpoint.save(file, model, Map.of("step", 2L));
        assertEquals(2L, ModelCheckpoint.read(file).contents().longEntry("step").orElseThrow());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertThrows(IllegalArgumentException.class, () -> ModelCheckpoint.save(file, model, Map.of("model", 1L)));
    }
}
