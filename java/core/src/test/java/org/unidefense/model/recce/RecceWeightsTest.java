package org.unidefense.model.recce;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.checkpoint.PyOrderedDict;
import org.unidefense.checkpoint.TorchSaveFile;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.model.ParameterCount;
import org.unidefense.model.weights.ImageNetInit;
import org.unidefense.model.weights.ModelCheckpoint;
import org.unidefense.model.weights.WeightFiles;
import org.unidefense.model.weights.WeightsLocator;
import org.unidefense.testing.Fixture;
import org.unidefense.testing.FixtureTensor;
import org.unidefense.tensor.Tensors;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unidefense.model.TensorAssert.assertClose;

/**
 * RECCE weights in the files it comes in: a checkpoint of RECCE's trainer
 * ({@code {"step", "best_step", "best_metric", "eval_metric", "model": state_dict}}, with and
 * without DDP's {@code module.} prefix) reproduces the reference forward; timm's ImageNet Xception
 * file (its own key names, ImageNet head included) initialises the encoder; a missing file names
 * the official one; the parameter count is the reference's.
 */
class RecceWeightsTest {
    private static final Fixture R = Fixture.of("R_recce");

    @TempDir
    static Path dir;

    @BeforeAll
    static void threads() {
        torch.set_num_threads(2);
    }

    private static Path trainerCheckpoint(String name, String prefix) {
        PyOrderedDict sd = WeightFiles.storedStateDict(R, "weights", prefix);
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("step", 2000L);
        top.put("best_step", 1000L);
        top.put("best_metric", 0.9375);
        top.put("eval_metric", "Acc");
        top.put("model", sd);
        Path file = dir.resolve(name);
        TorchSaveWriter.write(top, file);
        return file;
    }

    @Test
    void trainerCheckpointWithDdpPrefixReproducesTheReferenceLogits() {
        Recce model = new Recce(1, 0.2);
        ModelCheckpoint c = ModelCheckpoint.load(trainerCheckpoint("best_model_1000.bin", "module."), model);
        assertTrue(c.contents().prefixRemoved());
        assertEquals(java.util.Optional.of(1000L), c.contents().longEntry("best_step"));
        model.eval();
        try (NoGradGuard g = new NoGradGuard()) {
            Tensor logits = model.run(R.tensor("input")).logits();
            assertClose("logits", R.floats("logits"), R.shape("logits"), logits, 1e-5, 0);
            // the project's score: softmax column 0 = P(real) = 1 - the reference's prob_fake
            float[] pReal = Tensors.toFloats(torch.softmax(model.score(R.tensor("input")), 1).select(1, 0));
            float[] pFake = R.floats("prob_fake");
            for (int i = 0; i < pFake.length; i++) {
                assertEquals(1 - pFake[i], pReal[i], 1e-6);
            }
        }
    }

    @Test
    void trainerCheckpointWithoutPrefixLoadsByExactKey() {
        Recce model = new Recce(1, 0.2);
        ModelCheckpoint c = ModelCheckpoint.load(trainerCheckpoint("latest_model.bin", ""), model);
        assertTrue(!c.contents().prefixRemoved());
        Map<String, FixtureTensor> expected = R.stateDict("weights");
        Map<String, Tensor> actual = model.stateDict();
        for (String k : new String[]{"encoder.fc.weight", "reasoning.vc_embedding.2.weight", "decoder6.0.weight"}) {
            assertArrayEquals(expected.get(k).floats(), Tensors.toFloats(actual.get(k)), 0f, k);
        }
    }

    /** timm's file holds the Xception state dict under its own names (conv1.weight ... fc.bias). */
    @Test
    void imageNetXceptionFileInitialisesTheEncoder() {
        PyOrderedDict timm = new PyOrderedDict();
        PyOrderedDict all = WeightFiles.storedStateDict(R, "weights", "");
        all.forEach((k, v) -> {
            if (k.toString().startsWith("encoder.")) {
                timm.put(k.toString().substring("encoder.".length()), v);
            }
        });
        assertEquals(276, timm.size());
        Path file = dir.resolve("xception-43020ad28.pth");
        TorchSaveWriter.write(timm, file);
        Recce model = new Recce(1, 0.2);
        float[] fcBefore = Tensors.toFloats(model.stateDict().get("fc.weight"));
        ImageNetInit.load(model, TorchSaveFile.read(file).stateDict(), file);
        Map<String, Tensor> sd = model.stateDict();
        Map<String, FixtureTensor> expected = R.stateDict("weights");
        for (String k : new String[]{"encoder.conv1.weight", "encoder.block12.skip.weight", "encoder.bn4.running_var",
                "encoder.fc.bias"}) {
            assertArrayEquals(expected.get(k).floats(), Tensors.toFloats(sd.get(k).to(ScalarType.Float)), 0f, k);
        }
        assertArrayEquals(fcBefore, Tensors.toFloats(sd.get("fc.weight")), 0f, "RECCE's own head is not touched");
    }

    @Test
    void missingImageNetFileNamesTimmsXceptionRelease() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> WeightsLocator.locate("ckpt/nothing-here.pth", null, Recce.ENCODER));
        assertTrue(e.getMessage().contains("ckpt/xception-43020ad28.pth"), e.getMessage());
    }

    /** The reference's state dict: 362 keys; its parameters are every entry but the BN running statistics. */
    @Test
    void parameterCountIsTheReferences() {
        long params = 0;
        long buffers = 0;
        for (Map.Entry<String, FixtureTensor> e : R.stateDict("weights").entrySet()) {
            long n = 1;
            for (long s : e.getValue().shape()) {
                n *= s;
            }
            boolean buffer = e.getKey().endsWith(".running_mean") || e.getKey().endsWith(".running_var")
                    || e.getKey().endsWith(".num_batches_tracked");
            if (buffer) {
                buffers += n;
            } else {
                params += n;
            }
        }
        ParameterCount c = new Recce(1, 0.2).parameterCount();
        assertEquals(params, c.parameters());
        assertEquals(params, c.trainable());
        assertEquals(buffers, c.buffers());
        System.out.printf("Recce: %,d parameters, %,d buffer elements%n", params, buffers);
    }
}
