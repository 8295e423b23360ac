package org.unidefense.engine;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.model.recce.Recce;
import org.unidefense.model.weights.ModelCheckpoint;
import org.unidefense.tensor.Tensors;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code model: name: Recce} in a UniDefense-schema model file trains through the same engine and
 * protocol as UDR18 (UniAttack Protocol I on the tiny synthetic benchmark, 32 px): RECCE's step
 * runs (its losses are logged), validation scores it and selects a best model, and the checkpoint
 * it writes loads back into a fresh Recce with the same weights. (The test stage on RECCE runs in
 * DemoCommandTest.)
 */
class RecceEngineRunTest {
    @RegisterExtension
    static final SyntheticRunsExtension runs = new SyntheticRunsExtension();

    private static Path recceModelFile(String id) throws IOException {
        Path f = runs.modelFile(1, id, 2, 2, "seed: 3\nlambda_1: 0.1\nlambda_2: 0.1\n");
        String udr18 = Files.readString(f);
        String recce = udr18.replace("name: UDR18", "name: Recce").replace("num_classes: 2", "num_classes: 1")
                .replace("drop_rate: 0.5", "drop_rate: 0.2");
        assertTrue(recce.contains("name: Recce"), recce);
        Files.writeString(f, recce);
        return f;
    }

    @Test
    void recceTrainsAndValidatesInTheUniAttackEngine() throws IOException {
        ResolvedConfig cfg = SyntheticRuns.load(recceModelFile("recce"));
        Map<String, Tensor> trained;
        try (TrainingLoop e = Runs.openTraining(cfg, runs.runs(), new PrintWriter(new StringWriter()))) {
            assertInstanceOf(Recce.class, e.model());
            e.train();
            assertEquals(2, e.stepsDone());
            trained = e.model().stateDict();
        }
        Path dir = runs.runs().resolve("Recce").resolve("recce");
        assertTrue(Files.isRegularFile(dir.resolve("best.pt")), "validated at step 2 and saved the best model");
        String metrics = Files.readString(dir.resolve("metrics.jsonl"));
        assertEquals(2, metrics.lines().filter(l -> l.contains("\"train/total_loss\"")).count(), metrics);
        assertTrue(metrics.contains("\"train/contra_loss\""), metrics);

        UniDefenseModel reloaded = ModelRegistry.create(cfg.model());
        ModelCheckpoint.load(dir.resolve("latest.pt"), reloaded);
        Map<String, Tensor> loaded = reloaded.stateDict();
        assertEquals(trained.keySet(), loaded.keySet());
        for (String k : trained.keySet()) {
            assertArrayEquals(Tensors.toFloats(trained.get(k).to(torch.ScalarType.Float)),
                    Tensors.toFloats(loaded.get(k).to(torch.ScalarType.Float)), 0f, k);
        }
    }

    /** score() turns the single fake logit l into [0, l]: softmax column 0 is exactly 1 - sigmoid(l). */
    @Test
    void scoreColumnZeroIsOneMinusPFake() {
        Recce model = new Recce(1, 0.2);
        model.eval();
        try (NoGradGuard g = new NoGradGuard()) {
            Tensor x = torch.rand(2, 3, 32, 32).mul(new org.bytedeco.pytorch.Scalar(2)).sub(new org.bytedeco.pytorch.Scalar(1));
            float[] logit = Tensors.toFloats(model.run(x).logits());
            float[] pReal = Tensors.toFloats(torch.softmax(model.score(x), 1).select(1, 0));
            for (int i = 0; i < 2; i++) {
                assertEquals(1 - 1 / (1 + Math.exp(-logit[i])), pReal[i], 1e-6);
            }
        }
    }
}
