package org.unidefense.distributed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.cli.Main;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.data.SplitIndex;
import org.unidefense.data.dataset.SplitIndexBuilder;
import org.unidefense.data.dataset.Stage;
import org.unidefense.data.loader.SplitLoaders;
import org.unidefense.engine.SyntheticRuns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train} under the launcher with 2 Gloo processes on the synthetic UniAttack benchmark:
 * rank 0 alone writes the run, evaluations count every test frame once (the shards gathered, the
 * sampler's padding dropped), and a second launch resumes the run from its {@code latest} checkpoint.
 */
class DistributedTrainRunTest {
    @TempDir
    Path tmp;

    @Test
    void twoProcessRunWritesOnceCountsEachFrameOnceAndResumes() throws IOException {
        SyntheticRuns synthetic = new SyntheticRuns(tmp);
        Path model = synthetic.modelFile(1, "dist", 2, 2, "");
        Files.writeString(model, Files.readString(model).replace("backend: gloo", "backend: gloo\n    timeout_s: 120"));

        String first = launch(model, synthetic.runs());
        Path runDir = synthetic.runs().resolve("UDR18").resolve("dist");
        try (Stream<Path> dirs = Files.list(synthetic.runs().resolve("UDR18"))) {
            assertEquals(List.of(runDir), dirs.toList(), "only rank 0 creates a run directory");
        }
        assertTrue(Files.isRegularFile(runDir.resolve("latest.pt")), first);
        String records = Files.readString(runDir.resolve("records.txt"));
        assertTrue(records.contains("Distributed: 2 processes, gloo backend, timeout 120 s"), records);
        assertTrue(records.contains("no SyncBatchNorm"), records);

        ResolvedConfig cfg = SyntheticRuns.load(model);
        SplitIndex index = SplitIndexBuilder.forRun(SplitLoaders.cropMode(cfg)).build(cfg.dataset(), Stage.TRAIN);
        int testFrames = index.test().get(0).size();
        Matcher m = Pattern.compile("test frame: .*#Pos (\\d+), #Neg (\\d+)").matcher(records);
        assertTrue(m.find(), records);
        assertEquals(testFrames, Integer.parseInt(m.group(1)) + Integer.parseInt(m.group(2)),
                "every test frame scored once over the 2 ranks");
        assertTrue(first.contains("[rank 1]") || !first.contains("[rank 1] Training"), "rank 1 logs nothing");

        Files.writeString(model, Files.readString(model).replace("resume: False", "resume: True")
                .replaceAll("(?m)^num_steps: .*$", "num_steps: 3"));
        Path data = model.resolveSibling("data.yml");
        Files.writeString(data, Files.readString(data).replaceAll("(?m)^num_steps: .*$", "num_steps: 3"));
        launch(model, synthetic.runs());
        String resumed = Files.readString(runDir.resolve("records.txt"));
        assertTrue(resumed.contains("Resumed from latest.pt at step 2"), resumed);
        assertTrue(resumed.contains("Training ends at step 3"), resumed);
    }

    private static String launch(Path model, Path runs) {
        List<String> cmd = new ArrayList<>(WorkerJvms.javaCommand(Main.class));
        cmd.addAll(List.of("train", "--config", model.toString(), "--runs", runs.toString()));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        WorkerLauncher.Outcome o = new WorkerLauncher(cmd, new LaunchLayout(2, 1, 0, "127.0.0.1", WorkerJvms.freePort()),
                Map.of(), out, out, Duration.ofSeconds(3)).run();
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(o.succeeded(), o.message() + "\n" + text);
        return text;
    }
}
