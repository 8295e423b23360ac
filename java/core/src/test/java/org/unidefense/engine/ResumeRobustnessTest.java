package org.unidefense.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.unidefense.UserInputException;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.model.weights.ModelCheckpoint;
import org.unidefense.report.RunHistory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resuming runs that were interrupted badly, and runs that must stop or never start. */
class ResumeRobustnessTest {
    @RegisterExtension
    static final SyntheticRunsExtension runs = new SyntheticRunsExtension();

    private static Path resumeFile(String id, int steps, int val, String extra) throws IOException {
        Path f = runs.modelFile(3, id, steps, val, "seed: 5\n" + extra + "resume: true\n");
        Files.writeString(f, Files.readString(f).replace("resume: False", ""));
        return f;
    }

    @Test
    void aDamagedLatestFallsBackToTheNewestWholeCheckpointAndTheHistoryHasEachStepOnce() throws IOException {
        try (TrainingLoop e = Runs.openTraining(SyntheticRuns.load(runs.modelFile(3, "damaged", 4, 1, "seed: 5\n")),
                runs.runs(), new PrintWriter(new StringWriter()))) {
            e.train(3);
        }
        Path dir = runs.runs().resolve("UDR18").resolve("damaged");
        // kill -9 in the middle of writing step 4's state, after latest-3.state was cut short by a full disk
        Path latestState = dir.resolve("latest-3.state");
        byte[] whole = Files.readAllBytes(latestState);
        Files.write(latestState, Arrays.copyOf(whole, whole.length / 3));
        Files.write(dir.resolve(".latest-4.state8812.tmp"), new byte[4096]);
        Files.write(dir.resolve("latest-4.state"), new byte[100]);
        long best = ModelCheckpoint.read(dir.resolve("best.pt")).contents().longEntry("step").orElseThrow();
        long bestVal = ModelCheckpoint.read(dir.resolve("best_val.pt")).contents().longEntry("step").orElseThrow();
        long expected = Math.max(best, bestVal);
        assertTrue(expected < 3 || Files.exists(dir.resolve("best-3.state")) || Files.exists(dir.resolve("best_val-3.state")));

        StringWriter console = new StringWriter();
        try (TrainingLoop e = Runs.openTraining(SyntheticRuns.load(resumeFile("damaged", 4, 1, "")), runs.runs(),
                new PrintWriter(console))) {
            assertEquals(expected, e.stepsDone());
            e.train();
        }
        String out = console.toString();
        assertTrue(out.contains("warning: not resuming from latest-3.state: it is truncated"), out);
        assertTrue(out.contains("removed 1 temporary file(s)"), out);
        RunHistory h = RunHistory.read(dir.resolve("metrics.jsonl"));
        Set<String> seen = new HashSet<>();
        for (RunHistory.Entry en : h.entries()) {
            String kind = en.values().keySet().stream().anyMatch(k -> k.startsWith("train/")) ? "train" : "val";
            assertTrue(seen.add(kind + en.step()), "step " + en.step() + " " + kind + " recorded twice");
        }
        assertEquals(4, h.entries().stream().filter(en -> en.values().containsKey("train/pass1.total_loss")).count());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".tmp")), names.toString());
            assertTrue(names.contains("latest-4.state") && names.stream().filter(n -> n.startsWith("latest-")).count() == 1,
                    names.toString());
        }
        assertEquals(4L, ModelCheckpoint.read(dir.resolve("latest.pt")).contents().longEntry("step").orElseThrow());
    }

    @Test
    void aRunWithoutAnyWholeCheckpointSaysToStartAfresh() throws IOException {
        Path dir = runs.runs().resolve("UDR18").resolve("empty");
        Files.createDirectories(dir);
        Files.write(dir.resolve("best-15.state"), new byte[10]);
        UserInputException e = assertThrows(UserInputException.class, () -> Runs.openTraining(
                SyntheticRuns.load(resumeFile("empty", 2, 1, "")), runs.runs(), new PrintWriter(new StringWriter())));
        assertTrue(e.getMessage().contains("has no complete checkpoint"), e.getMessage());
        assertTrue(e.getMessage().contains("start it afresh with resume: false"), e.getMessage());
        // and the lock was released: the suggested fresh start gets the directory
        try (TrainingLoop fresh = Runs.openTraining(SyntheticRuns.load(runs.modelFile(3, "empty", 2, 1, "seed: 5\n")),
                runs.runs(), new PrintWriter(new StringWriter()))) {
            assertEquals(0, fresh.stepsDone());
        }
        assertFalse(Files.exists(dir.resolve("best-15.state")));
    }

    @Test
    void aWrongDatasetPathLeavesNoRunDirectory() throws IOException {
        Path f = runs.modelFile(3, "nodata", 2, 1, "seed: 5\n");
        Path data = f.resolveSibling("data.yml");
        Files.writeString(data, Files.readString(data).replace(runs.bench().toString(), runs.bench().resolveSibling("nowhere").toString()));
        assertThrows(UserInputException.class, () -> Runs.openTraining(SyntheticRuns.load(f), runs.runs(),
                new PrintWriter(new StringWriter())));
        assertFalse(Files.exists(runs.runs().resolve("UDR18").resolve("nodata")));
    }

    @Test
    void aNonFiniteLossStopsTheRunAtItsStepAndKeepsTheLastGoodCheckpoint() throws IOException {
        Path f = runs.modelFile(3, "diverge", 6, 1, "seed: 5\n");
        Files.writeString(f, Files.readString(f).replaceAll("(?m)^(\\s+)lr: .*$", "$1lr: 1.0e+30"));
        StringWriter console = new StringWriter();
        TrainingDivergedException e;
        try (TrainingLoop engine = Runs.openTraining(SyntheticRuns.load(f), runs.runs(), new PrintWriter(console))) {
            e = assertThrows(TrainingDivergedException.class, engine::train);
        }
        assertTrue(e.getMessage().matches("training diverged at step \\d+: loss \\S+ is (NaN|-?Infinity); .*"), e.getMessage());
        long stopped = Long.parseLong(e.getMessage().replaceAll("^training diverged at step (\\d+).*$", "$1"));
        Path latest = runs.runs().resolve("UDR18").resolve("diverge").resolve("latest.pt");
        if (stopped > 1) {
            assertTrue(e.getMessage().contains("the last good checkpoint " + latest + " is kept"), e.getMessage());
            assertEquals(stopped - 1, ModelCheckpoint.read(latest).contents().longEntry("step").orElseThrow());
        }
        assertTrue(console.toString().contains(e.getMessage()), "logged to records too");
    }

    @Test
    void withTrainerStatesLatestOnlyTheLatestCheckpointKeepsAnOptimizerState() throws IOException {
        try (TrainingLoop e = Runs.openTraining(SyntheticRuns.load(runs.modelFile(3, "lean", 2, 1, "seed: 5\ntrainer_states: latest\n")),
                runs.runs(), new PrintWriter(new StringWriter()))) {
            e.train();
        }
        Path dir = runs.runs().resolve("UDR18").resolve("lean");
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("latest-2.state"), names.stream().filter(n -> n.endsWith(".state")).toList(), names.toString());
            assertTrue(names.containsAll(List.of("best.pt", "best_val.pt", "latest.pt")), names.toString());
        }
        // resuming uses latest, without warnings about the selected models' missing states
        StringWriter console = new StringWriter();
        try (TrainingLoop e = Runs.openTraining(SyntheticRuns.load(resumeFile("lean", 2, 1, "trainer_states: latest\n")),
                runs.runs(), new PrintWriter(console))) {
            assertEquals(2, e.stepsDone());
        }
        assertFalse(console.toString().contains("warning"), console.toString());
    }
}
