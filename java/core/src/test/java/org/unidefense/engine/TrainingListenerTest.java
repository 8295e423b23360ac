package org.unidefense.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.unidefense.distributed.DistEnv;
import org.unidefense.model.weights.ModelCheckpoint;
import org.unidefense.tensor.DeviceSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The listener contract of {@link TrainingLoop} on the tiny synthetic UniAttack runs (32 px, UDR18,
 * log_steps 1): which events come in which order, what the standard listeners have written when a
 * listener added by the user sees an event, and that a rank other than 0 writes nothing.
 */
class TrainingListenerTest {
    @RegisterExtension
    static final SyntheticRunsExtension runs = new SyntheticRunsExtension();

    /** Writes down each event with what the run directory and the console hold at that moment. */
    private static final class Recorder implements TrainingListener {
        final List<String> events = new ArrayList<>();
        final Path dir;
        final StringWriter console;

        Recorder(Path dir, StringWriter console) {
            this.dir = dir;
            this.console = console;
        }

        @Override
        public void onTrainingBegin(TrainingLoop loop) {
            events.add("begin@" + loop.stepsDone());
        }

        @Override
        public void onTrainingBatch(TrainingLoop loop, StepOutcome outcome) {
            assertEquals(outcome.step(), loop.stepsDone(), "stepsDone is the step being reported");
            events.add("batch" + outcome.step() + " logged " + trainRecords() + " labels " + outcome.labels().length);
        }

        @Override
        public void onValidation(TrainingLoop loop, long step, Evaluation evaluation) {
            events.add("val" + step + " latest@" + latestStep() + " best@" + loop.bestModels().primary().step());
        }

        @Override
        public void onTrainingEnd(TrainingLoop loop) {
            events.add("end@" + loop.stepsDone() + " latest@" + latestStep()
                    + (console.toString().contains("Training ends at step " + loop.stepsDone()) ? " ended" : ""));
        }

        private long trainRecords() {
            Path metrics = dir.resolve("metrics.jsonl");
            try {
                return Files.isRegularFile(metrics)
                        ? Files.readString(metrics).lines().filter(l -> l.contains("\"train/pass1.total_loss\"")).count() : 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private long latestStep() {
            Path latest = dir.resolve("latest.pt");
            return Files.isRegularFile(latest) ? ModelCheckpoint.read(latest).contents().longEntry("step").orElseThrow() : -1;
        }
    }

    @Test
    void anAddedListenerSeesEveryEventInOrderAfterTheStandardListenersActed() {
        StringWriter console = new StringWriter();
        Path dir = runs.runs().resolve("UDR18").resolve("events");
        Recorder recorder = new Recorder(dir, console);
        try (TrainingLoop loop = Runs.openTraining(SyntheticRuns.load(runs.modelFile(3, "events", 4, 2, "seed: 5\n")),
                runs.runs(), new PrintWriter(console))) {
            loop.addListener(recorder);
            assertEquals(List.of(ValidationListener.class, CheckpointListener.class, LoggingListener.class, Recorder.class),
                    loop.listeners().stream().map(Object::getClass).toList());
            loop.train(3);
            loop.train();
        }
        // batch k: its train record is already written (log_steps 1), its batch pairs 2 real and 2
        // attack frames (train_batch_size 2 per side); validation k: best and latest
        // of step k are written; end between validations: latest there; end at num_steps: the end line
        assertEquals(List.of(
                "begin@0",
                "batch1 logged 1 labels 4",
                "batch2 logged 2 labels 4",
                "val2 latest@2 best@2",
                "batch3 logged 3 labels 4",
                "end@3 latest@3",
                "begin@3",
                "batch4 logged 4 labels 4",
                "val4 latest@4 best@" + ModelCheckpoint.read(dir.resolve("best.pt")).contents().longEntry("step").orElseThrow(),
                "end@4 latest@4 ended"), recorder.events);
    }

    @Test
    void aRankOtherThanZeroWritesNoCheckpointsAndNoLogsButValidatesLikeRankZero() throws IOException {
        List<String> rankZero = trainAsRank("rank0", true);
        List<String> rankOne = trainAsRank("rank1", false);
        // rank 0 writes the selected models, latest with its trainer state, and both logs
        assertTrue(rankZero.containsAll(List.of("best.pt", "latest.pt", "latest-2.state", "records.txt", "metrics.jsonl")),
                rankZero.toString());
        // rank 1 trains and validates the same steps (its listener saw them) but writes none of it
        assertEquals(List.of(), rankOne.stream().filter(n -> n.endsWith(".pt") || n.endsWith(".state")
                || n.endsWith(".txt") || n.endsWith(".jsonl") || n.endsWith(".yaml")).toList(), rankOne.toString());
    }

    /** Trains 2 steps validated at each as a rank that does or does not write; returns the run directory's files. */
    private static List<String> trainAsRank(String id, boolean writer) throws IOException {
        StringWriter console = new StringWriter();
        Path dir = runs.runs().resolve("UDR18").resolve(id);
        Recorder recorder = new Recorder(dir, console);
        try (TrainingLoop loop = Runs.openTraining(SyntheticRuns.load(runs.modelFile(3, id, 2, 1, "seed: 5\n")),
                runs.runs(), new PrintWriter(console), DistEnv.single(), DeviceSpec.CPU, writer)) {
            assertEquals(writer, loop.listeners().stream().anyMatch(l -> l instanceof CheckpointListener));
            loop.addListener(recorder);
            loop.train();
        }
        assertEquals(List.of("begin@0", "val1", "val2", "end@2"), recorder.events.stream()
                .filter(e -> !e.startsWith("batch")).map(e -> e.split(" ")[0]).toList());
        assertEquals(writer, console.toString().contains("Training ends at step 2"), console.toString());
        assertEquals(writer, !console.toString().isEmpty(), console.toString());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
