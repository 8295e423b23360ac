package org.unidefense.train;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DimnameListOptional;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.unidefense.UserInputException;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ConfigOverrides;
import org.unidefense.config.TrainConfig;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.StateDictLoader;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Tensors;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.bytedeco.pytorch.global.torch.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training wired from the official OCIM UDR18 template: one seed repeats a run exactly
 * (decoder dropout and perturbation draws come from one generator), another seed does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoPassTrainingTest {
    private TrainConfig config;
    private Map<String, Tensor> initial;
    private Tensor batch;
    private Tensor labels;

    @BeforeAll
    void setUp() {
        torch.set_num_threads(2);
        config = ConfigLoader.load(Path.of("config_template/ocim/model_udr18.yml"), ConfigOverrides.none()).config();
        UniDefenseModel source = ModelRegistry.create("udr18");
        initial = source.stateDict();
        batch = rand(new long[]{4, 3, 32, 32}, new GeneratorOptional(make_generator_cpu(7)), new DimnameListOptional(),
                new TensorOptions(torch.ScalarType.Float)).mul(new Scalar(2.0)).sub(new Scalar(1.0));
        labels = Tensors.fromLongs(new long[]{0, 0, 1, 1}, 4);
    }

    private record Run(List<Map<String, Double>> losses, float[] weight) {
    }

    private Run train(long seed, int steps) {
        UniDefenseModel model = ModelRegistry.create("udr18");
        StateDictLoader.load(model, initial, "copied initial weights");
        TwoPassTraining training = TwoPassTraining.fromConfig(model, config, 8000, seed);
        List<Map<String, Double>> losses = new ArrayList<>();
        for (int s = 1; s <= steps; s++) {
            try (PointerScope ignored = new PointerScope()) {
                StepResult r = training.step().run(batch, labels, 2, s);
                assertEquals(1e-4, r.learningRate(), 0.0);
                losses.add(r.losses());
            }
        }
        return new Run(losses, Tensors.toFloats(model.stateDict().get("extractor.conv1.weight")));
    }

    @Test
    void oneSeedRepeatsTheRunAndAnotherSeedChangesIt() {
        Run a = train(42, 1);
        Run b = train(42, 1);
        Run c = train(43, 1);
        assertEquals(a.losses(), b.losses());
        assertArrayEquals(a.weight(), b.weight(), 0f);
        assertNotEquals(a.losses().get(0).get("pass1.real_rec_loss"), c.losses().get(0).get("pass1.real_rec_loss"),
                "the decoder dropout draws from the seeded generator");
        Map<String, Double> first = a.losses().get(0);
        for (String key : List.of("pass1.total_loss", "pass1.cls_loss", "pass1.triplet_loss", "pass2.total_loss",
                "pass2.fac_loss", "pass2.freq_mask_loss", "pass2.spat_mask_loss")) {
            assertTrue(Double.isFinite(first.get(key)), key);
        }
        // Early in training (step ≤ 800 of 8000) pass 2 uses the mask means, which are in (0, 1).
        assertTrue(first.get("pass2.freq_mask_loss") > 0 && first.get("pass2.freq_mask_loss") < 1);
    }
}
