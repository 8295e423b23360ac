package org.unidefense.engine;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DimnameListOptional;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.TrainConfig;
import org.unidefense.io.AtomicFiles;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.StateDictLoader;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.model.weights.ModelCheckpoint;
import org.unidefense.tensor.Tensors;
import org.unidefense.train.TwoPassTraining;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.bytedeco.pytorch.global.torch.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optimizer and generator state saved next to a checkpoint, and atomic checkpoint writes. */
class TrainerStateFileTest {
    @TempDir
    Path dir;
    static TrainConfig config;
    static Tensor batch;
    static Tensor labels;

    @BeforeAll
    static void setUp() {
        torch.set_num_threads(2);
        config = ConfigLoader.load(Path.of("config_template/ocim/model_udr18.yml")).config();
        batch = rand(new long[] {4, 3, 32, 32}, new GeneratorOptional(make_generator_cpu(3)), new DimnameListOptional(),
                new TensorOptions(torch.ScalarType.Float)).mul(new Scalar(2.0)).sub(new Scalar(1.0));
        labels = Tensors.fromLongs(new long[] {0, 0, 1, 1}, 4);
    }

    private static void step(TwoPassTraining t, long s) {
        t.model().train(true);
        try (PointerScope scope = new PointerScope()) {
            t.step().run(batch, labels, 2, s);
        }
    }

    private static float[] weight(UniDefenseModel m) {
        return Tensors.toFloats(m.stateDict().get("extractor.conv1.weight"));
    }

    @Test
    void restoredOptimizerAndGeneratorRepeatTheNextStep() {
        UniDefenseModel a = ModelRegistry.create("udr18");
        TwoPassTraining ta = TwoPassTraining.fromConfig(a, config, 100, 11);
        step(ta, 1);
        Path state = dir.resolve("latest-1.state");
        TrainerStateFile.save(state, ta, 1);
        Map<String, Tensor> weightsAfterOne = a.stateDict();

        UniDefenseModel b = ModelRegistry.create("udr18");
        StateDictLoader.load(b, weightsAfterOne, "weights after step 1");
        TwoPassTraining tb = TwoPassTraining.fromConfig(b, config, 100, 999);
        TrainerStateFile.load(state, tb, 1);

        UniDefenseModel c = ModelRegistry.create("udr18");
        StateDictLoader.load(c, weightsAfterOne, "weights after step 1");
        TwoPassTraining tc = TwoPassTraining.fromConfig(c, config, 100, 11);  // same seed, but fresh moments

        step(ta, 2);
        step(tb, 2);
        step(tc, 2);
        assertArrayEquals(weight(a), weight(b), 0f, "AdamW moments and generator restored");
        assertFalse(java.util.Arrays.equals(weight(a), weight(c)), "without the optimizer state step 2 differs");
    }

    @Test
    void aStateOfAnotherStepIsRefused() {
        UniDefenseModel a = ModelRegistry.create("udr18");
        TwoPassTraining ta = TwoPassTraining.fromConfig(a, config, 100, 11);
        Path state = dir.resolve("latest-5.state");
        TrainerStateFile.save(state, ta, 5);
        UserInputException e = assertThrows(UserInputException.class, () -> TrainerStateFile.load(state, ta, 6));
        assertTrue(e.getMessage().contains("step 5"), e.getMessage());
        assertThrows(UserInputException.class, () -> TrainerStateFile.load(dir.resolve("none.state"), ta, 5));
    }

    @Test
    void anInterruptedCheckpointWriteLeavesTheOldCheckpoint() throws IOException {
        UniDefenseModel a = ModelRegistry.create("udr18");
        Path latest = dir.resolve("latest.pt");
        ModelCheckpoint.save(latest, a, Map.of("step", 1L));
        IOException crash = assertThrows(IOException.class, () -> AtomicFiles.write(latest, tmp -> {
            Files.write(tmp, new byte[] {'P', 'K', 3});
            throw new IOException("killed mid-write");
        }));
        assertEquals("cannot write " + latest.toAbsolutePath() + ": killed mid-write; the previous version, if any, is kept",
                crash.getMessage());
        assertEquals(1L, ModelCheckpoint.read(latest).contents().longEntry("step").orElseThrow());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.List.of(latest), files.toList(), "no temporary file left");
        }
    }

    @Test
    void onlyTheNewestTrainerStateIsKept() throws IOException {
        RunDirectory run = new RunDirectory(dir);
        Files.writeString(run.trainerState("latest", 2), "old");
        Files.writeString(run.trainerState("latest", 4), "new");
        Files.writeString(dir.resolve("best.pt"), "other");
        run.deleteTrainerStatesExcept("latest", 4);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.Set.of(dir.resolve("latest-4.state"), dir.resolve("best.pt")),
                    java.util.Set.copyOf(files.toList()));
        }
    }

    @Test
    void aTruncatedOrDamagedStateIsNamedInOneLineWithoutNativeTrace() throws IOException {
        UniDefenseModel a = ModelRegistry.create("udr18");
        TwoPassTraining ta = TwoPassTraining.fromConfig(a, config, 100, 11);
        Path state = dir.resolve("latest-5.state");
        TrainerStateFile.save(state, ta, 5);
        byte[] whole = Files.readAllBytes(state);
        Path cut = dir.resolve("cut-5.state");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        UserInputException e = assertThrows(UserInputException.class, () -> TrainerStateFile.load(cut, ta, 5));
        assertTrue(e.getMessage().startsWith("trainer state " + cut + " is unusable: it is truncated"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertFalse(e.getMessage().contains("frame #"), e.getMessage());
        // same length, bytes changed inside a stored record: the checksum finds it
        byte[] flipped = whole.clone();
        for (int i = whole.length / 3; i < whole.length / 3 + 64; i++) {
            flipped[i] ^= 0x5a;
        }
        Path damaged = dir.resolve("damaged-5.state");
        Files.write(damaged, flipped);
        e = assertThrows(UserInputException.class, () -> TrainerStateFile.load(damaged, ta, 5));
        assertTrue(e.getMessage().contains(damaged.toString()) && e.getMessage().contains("damaged"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void weightsInspectVerifiesATrainerStateAndNamesItsStep() throws IOException {
        UniDefenseModel a = ModelRegistry.create("udr18");
        TwoPassTraining ta = TwoPassTraining.fromConfig(a, config, 100, 11);
        Path state = dir.resolve("best-7.state");
        TrainerStateFile.save(state, ta, 7);
        String[] ok = cli("weights", "inspect", state.toString());
        assertEquals("0", ok[0], ok[2]);
        assertTrue(ok[1].contains("step:    7"), ok[1]);
        byte[] whole = Files.readAllBytes(state);
        Path cut = Files.write(dir.resolve("cut-7.state"), java.util.Arrays.copyOf(whole, whole.length - 100));
        String[] bad = cli("weights", "inspect", cut.toString());
        assertEquals("3", bad[0], bad[2]);
        assertEquals("error: trainer state " + cut + " is unusable: it is truncated or not a checkpoint archive"
                + " (no readable zip directory)", bad[2].strip());
    }

    /** Exit code, standard output and error of the command line. */
    private static String[] cli(String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = org.unidefense.cli.Main.commandLine().setOut(new java.io.PrintWriter(out))
                .setErr(new java.io.PrintWriter(err)).execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }
}
