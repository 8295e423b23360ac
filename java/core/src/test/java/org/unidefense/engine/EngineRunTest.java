package org.unidefense.engine;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.tensor.Tensors;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training runs of the UE engine on a tiny synthetic benchmark. */
class EngineRunTest {
    @RegisterExtension
    static final SyntheticRunsExtension runs = new SyntheticRunsExtension();

    private static final String SCHEDULE = "seed: 5\nscheduler:\n  name: StepLR\n  step_size: 1\n  gamma: 0.5\n";

    private static Map<String, Tensor> train(Path modelFile, long stopAt) {
        ResolvedConfig cfg = SyntheticRuns.load(modelFile);
        try (TrainingLoop e = Runs.openTraining(cfg, runs.runs(), new PrintWriter(new StringWriter()))) {
            e.train(stopAt);
            return e.model().stateDict();
        }
    }

    @Test
    void resumingContinuesAsIfNeverStopped() throws IOException {
        Map<String, Tensor> straight = train(runs.modelFile(3, "straight", 4, 4, SCHEDULE), 4);
        Map<String, Tensor> half = train(runs.modelFile(3, "split", 4, 4, SCHEDULE), 2);
        Path resumeFile = runs.modelFile(3, "split", 4, 4, SCHEDULE + "resume: true\n");
        Files.writeString(resumeFile, Files.readString(resumeFile).replace("resume: False", ""));
        Map<String, Tensor> resumed = train(resumeFile, 4);
        assertEquals(straight.keySet(), resumed.keySet());
        int changed = 0;
        for (String k : straight.keySet()) {
            float[] a = Tensors.toFloats(straight.get(k).to(torch.ScalarType.Float));
            float[] b = Tensors.toFloats(resumed.get(k).to(torch.ScalarType.Float));
            assertArrayEquals(a, b, 1e-6f, k);
        }
        // the comparison is not vacuous: steps 3 and 4 moved the weights
        for (String k : straight.keySet()) {
            if (!java.util.Arrays.equals(Tensors.toFloats(straight.get(k).to(torch.ScalarType.Float)),
                    Tensors.toFloats(half.get(k).to(torch.ScalarType.Float)))) {
                changed++;
            }
        }
        assertTrue(changed > 10, "weights changed between step 2 and 4: " + changed);
        Path dir = runs.runs().resolve("UDR18").resolve("split");
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
        String metrics = Files.readString(dir.resolve("metrics.jsonl"));
        assertEquals(4, metrics.lines().filter(l -> l.contains("\"train/pass1.total_loss\"")).count(), metrics);
    }

    @Test
    void resumeBestContinuesFromTheBestModelWithItsTrainerState() throws IOException {
        Map<String, Tensor> straight = train(runs.modelFile(3, "bestrun", 4, 1, SCHEDULE), 4);
        Path dir = runs.runs().resolve("UDR18").resolve("bestrun");
        long bestStep = org.unidefense.model.weights.ModelCheckpoint.read(dir.resolve("best.pt")).contents()
                .longEntry("step").orElseThrow();
        try (Stream<Path> files = Files.list(dir)) {
            // one trainer state per selected model, the one of its step
            assertEquals(java.util.List.of("best-" + bestStep + ".state"), files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("best-")).toList());
        }
        Path resumeFile = runs.modelFile(3, "bestrun", 4, 1, SCHEDULE + "resume: true\nresume_best: true\n");
        Files.writeString(resumeFile, Files.readString(resumeFile).replace("resume: False", "")
                .replace("resume_best: False", ""));
        ResolvedConfig cfg = SyntheticRuns.load(resumeFile);
        try (TrainingLoop e = Runs.openTraining(cfg, runs.runs(), new PrintWriter(new StringWriter()))) {
            assertEquals(bestStep, e.stepsDone());
            e.train(4);
            // the steps after the best model are redone from its weights, optimizer and generator state,
            // and end where the uninterrupted run ended
            for (String k : straight.keySet()) {
                assertArrayEquals(Tensors.toFloats(straight.get(k).to(torch.ScalarType.Float)),
                        Tensors.toFloats(e.model().stateDict().get(k).to(torch.ScalarType.Float)), 1e-6f, k);
            }
        }
    }
}
