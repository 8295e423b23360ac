package org.unidefense.distributed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.cli.Main;
import org.unidefense.engine.SyntheticRuns;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A 2-process training run loses a worker (kill -9) after its first checkpoint: the launch fails
 * naming the rank, and a second launch with {@code resume: true} continues from the last
 * {@code latest} to the end.
 */
class ResumeAfterFailureTest {
    private static final int STEPS = 8;

    @TempDir
    Path tmp;

    @Test
    void killedRunResumesFromItsLastCheckpoint() throws Exception {
        SyntheticRuns synthetic = new SyntheticRuns(tmp);
        Path model = synthetic.modelFile(1, "crash", STEPS, 1, "");
        Path runDir = synthetic.runs().resolve("UDR18").resolve("crash");

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CompletableFuture<WorkerLauncher.Outcome> run = CompletableFuture.supplyAsync(() -> launcher(model, synthetic.runs(),
                captured).run());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!Files.exists(runDir.resolve("latest.pt"))) {
            if (run.isDone() || System.nanoTime() > deadline) {
                fail("no checkpoint before the end of the run:\n" + captured.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
        List<ProcessHandle> workers = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList();
        assertTrue(workers.size() >= 2, "expected 2 worker processes, found " + workers.size());
        workers.get(workers.size() - 1).destroyForcibly();

        WorkerLauncher.Outcome o = run.get(120, TimeUnit.SECONDS);
        assertFalse(o.succeeded(), "the run must fail once a worker is killed");
        assertTrue(o.message().matches("worker rank [01] .*"), o.message());
        String before = Files.readString(runDir.resolve("records.txt"));
        assertFalse(before.contains("Training ends at step " + STEPS), "the run was killed before its end");

        Files.writeString(model, Files.readString(model).replace("resume: False", "resume: True"));
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        WorkerLauncher.Outcome resumed = launcher(model, synthetic.runs(), second).run();
        assertTrue(resumed.succeeded(), resumed.message() + "\n" + second.toString(StandardCharsets.UTF_8));
        String records = Files.readString(runDir.resolve("records.txt"));
        Matcher m = Pattern.compile("Resumed from latest.pt at step (\\d+)").matcher(records);
        assertTrue(m.find(), records);
        int from = Integer.parseInt(m.group(1));
        assertTrue(from >= 1 && from < STEPS, "resumed at step " + from);
        assertTrue(records.contains("Training ends at step " + STEPS), records);
    }

    private static WorkerLauncher launcher(Path model, Path runs, ByteArrayOutputStream captured) {
        List<String> cmd = new ArrayList<>(WorkerJvms.javaCommand(Main.class));
        cmd.addAll(List.of("train", "--config", model.toString(), "--runs", runs.toString()));
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        return new WorkerLauncher(cmd, new LaunchLayout(2, 1, 0, "127.0.0.1", WorkerJvms.freePort()), Map.of(), out, out,
                Duration.ofSeconds(3));
    }
}
