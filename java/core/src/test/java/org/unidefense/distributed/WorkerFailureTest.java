package org.unidefense.distributed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A worker that dies or hangs ends the run: the launcher names it and stops the rest; without a
 * launcher, the survivor of a hung peer times out and names the peer (its heartbeat stopped).
 */
class WorkerFailureTest {
    private static final long TIMEOUT_S = 8;

    @TempDir
    Path dir;

    @Test
    void killedWorkerEndsTheLaunchNamingItsRank() throws Exception {
        List<String> cmd = new ArrayList<>(WorkerJvms.javaCommand(DistTestWorker.class));
        cmd.addAll(List.of("loop", "300"));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        LaunchLayout layout = new LaunchLayout(2, 1, 0, "127.0.0.1", WorkerJvms.freePort());
        WorkerLauncher launcher = new WorkerLauncher(cmd, layout, Map.of("DIST_TIMEOUT_S", Long.toString(TIMEOUT_S)),
                out, out, Duration.ofSeconds(3));
        CompletableFuture<WorkerLauncher.Outcome> run = CompletableFuture.supplyAsync(launcher::run);

        long rank0 = awaitReady(captured, 0, run);
        long rank1 = awaitReady(captured, 1, run);
        long killedAt = System.nanoTime();
        ProcessHandle.of(rank1).orElseThrow().destroyForcibly();

        WorkerLauncher.Outcome o = run.get(TIMEOUT_S + 20, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - killedAt) / 1e9;
        assertNotEquals(0, o.exitCode());
        assertEquals(1, o.failedRank());
        assertTrue(o.message().contains("worker rank 1") && o.message().contains("killed by signal 9"), o.message());
        assertTrue(seconds < TIMEOUT_S + 5, "the launch took " + seconds + " s to end");
        assertFalse(ProcessHandle.of(rank0).map(ProcessHandle::isAlive).orElse(false), "rank 0 still runs");
        assertTrue(captured.toString(StandardCharsets.UTF_8).contains("[rank 0] ready rank 0"), "output is prefixed");
    }

    @Test
    void survivorOfAHungPeerStopsWithinTheTimeoutNamingThePeer() throws Exception {
        int port = WorkerJvms.freePort();
        Process[] w = new Process[2];
        for (int r = 0; r < 2; r++) {
            w[r] = WorkerJvms.start(DistTestWorker.class, r, 2, port, dir, TIMEOUT_S, "loop", "300");
        }
        try {
            for (int r = 0; r < 2; r++) {
                awaitFile(dir.resolve("rank" + r + ".out"), "ready rank " + r, w[r]);
            }
            // SIGSTOP: the peer keeps its sockets open but never answers, the case a timeout must catch.
            new ProcessBuilder("kill", "-STOP", Long.toString(w[1].pid())).start().waitFor();
            long stoppedAt = System.nanoTime();
            assertTrue(w[0].waitFor(TIMEOUT_S + 20, TimeUnit.SECONDS), "rank 0 did not stop");
            double seconds = (System.nanoTime() - stoppedAt) / 1e9;
            assertNotEquals(0, w[0].exitValue());
            String err = Files.readString(dir.resolve("rank0.err"));
            assertTrue(err.contains("rank 0 of 2: gloo all-reduce"), err);
            assertTrue(err.contains("no heartbeat from rank 1"), "the survivor names the hung peer: " + err);
            assertTrue(seconds < TIMEOUT_S * 2 + 5, "rank 0 took " + seconds + " s");
        } finally {
            for (Process p : w) {
                p.destroyForcibly();
            }
        }
    }

    private static long awaitReady(ByteArrayOutputStream captured, int rank, CompletableFuture<?> run)
            throws InterruptedException {
        Pattern p = Pattern.compile("\\[rank " + rank + "] ready rank " + rank + " pid (\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            Matcher m = p.matcher(captured.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
            if (run.isDone()) {
                fail("the launch ended before rank " + rank + " was ready:\n" + captured.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
        fail("rank " + rank + " never became ready:\n" + captured.toString(StandardCharsets.UTF_8));
        return -1;
    }

    private static void awaitFile(Path file, String text, Process p) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                fail(file + ": the worker ended before '" + text + "'");
            }
            Thread.sleep(100);
        }
        fail(file + " never showed '" + text + "'");
    }
}
