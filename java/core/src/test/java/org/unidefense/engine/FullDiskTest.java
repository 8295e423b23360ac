package org.unidefense.engine;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DimnameListOptional;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.unidefense.tensor.Tensors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.checkpoint.StoredTensor;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.config.ConfigLoader;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.model.weights.ModelCheckpoint;
import org.unidefense.train.TwoPassTraining;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.bytedeco.pytorch.global.torch.rand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checkpoint writes on a really full file system: a 3 MB tmpfs mounted for the test. Needs root
 * (mount); skipped elsewhere, where AtomicFilesTest covers the same failure injected at the write.
 */
class FullDiskTest {
    @TempDir
    Path tmp;
    Path disk;
    boolean mounted;

    @BeforeEach
    void mount() throws Exception {
        disk = Files.createDirectories(tmp.resolve("tiny"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        mounted = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "needs root to mount a small tmpfs");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", disk.toString()).start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static Map<String, Object> checkpoint(long step, int floats) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("step", step);
        Map<String, Object> weights = new LinkedHashMap<>();
        weights.put("w", StoredTensor.ofFloats(new float[floats], floats));
        top.put("model", weights);
        return top;
    }

    @Test
    void aCheckpointTooBigForTheDiskFailsNamingThePathAndTheOldOneStays() throws IOException {
        Path latest = disk.resolve("latest.pt");
        TorchSaveWriter.write(checkpoint(20, 250_000), latest); // 1 MB
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> TorchSaveWriter.write(checkpoint(30, 750_000), latest)); // 3 MB
        assertTrue(e.getMessage().startsWith("cannot write " + latest.toAbsolutePath() + ": the disk is full"), e.getMessage());
        assertEquals(20L, ModelCheckpoint.read(latest).contents().longEntry("step").orElseThrow());
        try (var files = Files.list(disk)) {
            assertEquals(List.of(latest), files.toList(), "no temporary file left");
        }
    }

    @Test
    void aTrainerStateTooBigForTheDiskFailsInOneLineNamingThePath() throws IOException {
        torch.set_num_threads(2);
        UniDefenseModel m = ModelRegistry.create("udr18");
        TwoPassTraining t = TwoPassTraining.fromConfig(m,
                ConfigLoader.load(Path.of("config_template/ocim/model_udr18.yml")).config(), 100, 3);
        // after a step the optimizer holds its moments: the state is about twice the weights, far over 3 MB
        Tensor batch = rand(new long[] {2, 3, 32, 32}, new GeneratorOptional(make_generator_cpu(3)), new DimnameListOptional(),
                new TensorOptions(torch.ScalarType.Float));
        m.train(true);
        try (PointerScope scope = new PointerScope()) {
            t.step().run(batch, Tensors.fromLongs(new long[] {0, 1}, 2), 1, 1);
        }
        Path state = disk.resolve("latest-5.state");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> TrainerStateFile.save(state, t, 5));
        assertTrue(e.getMessage().startsWith("cannot write " + state.toAbsolutePath() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("MB free there"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertFalse(e.getMessage().contains("frame #"), e.getMessage());
        try (var files = Files.list(disk)) {
            assertEquals(0, files.count(), "no temporary file left");
        }
    }
}
