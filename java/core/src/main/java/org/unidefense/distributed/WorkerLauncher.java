package org.unidefense.distributed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * torchrun's local agent: starts this node's workers with the env contract of {@link DistEnv},
 * prefixes every line they print with {@code [rank R]}, and watches them. When one exits with a
 * non-zero code or is killed, the others are stopped (terminate, then kill after a grace period)
 * and the launch fails naming that rank. If the launcher itself is stopped, its workers are too.
 */
public final class WorkerLauncher {
    private static final Duration POLL = Duration.ofMillis(100);

    private final List<String> command;
    private final LaunchLayout layout;
    private final PrintStream out;
    private final PrintStream err;
    private final Duration grace;
    private final Map<String, String> extraEnv;

    /**
     * @param command  the worker command line (the same for every worker)
     * @param extraEnv variables added to every worker's environment
     * @param grace    how long a stopped worker may take to exit before it is killed
     */
    public WorkerLauncher(List<String> command, LaunchLayout layout, Map<String, String> extraEnv, PrintStream out,
                          PrintStream err, Duration grace) {
        this.command = List.copyOf(command);
        this.layout = layout;
        this.extraEnv = Map.copyOf(extraEnv);
        this.out = out;
        this.err = err;
        this.grace = grace;
    }

    /** How the launch ended; {@code failedRank} is -1 when every worker succeeded. */
    public record Outcome(int exitCode, int failedRank, String message) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    public Outcome run() {
        List<Worker> workers = new ArrayList<>();
        Thread stopper = new Thread(() -> workers.forEach(w -> w.process.destroyForcibly()), "stop-workers");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            for (int local = 0; local < layout.nprocPerNode(); local++) {
                workers.add(start(layout.worker(local)));
            }
            return watch(workers);
        } catch (IOException e) {
            stopAll(workers);
            throw new UncheckedIOException("cannot start worker " + workers.size() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll(workers);
            return new Outcome(130, -1, "launcher interrupted; workers stopped");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down and runs the hook
            }
        }
    }

    private Worker start(DistEnv env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> e = pb.environment();
        e.putAll(env.toEnvironment());
        // As torchrun: without an explicit setting, share the cores among this node's workers.
        if (!e.containsKey("OMP_NUM_THREADS")) {
            int cores = Runtime.getRuntime().availableProcessors();
            e.put("OMP_NUM_THREADS", Integer.toString(Math.max(1, cores / layout.nprocPerNode())));
        }
        e.putAll(extraEnv);
        Process p = pb.start();
        Worker w = new Worker(env.rank(), p);
        w.pumps.add(pump(p.getInputStream(), out, env.rank()));
        w.pumps.add(pump(p.getErrorStream(), err, env.rank()));
        return w;
    }

    private static Thread pump(InputStream in, PrintStream to, int rank) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (to) {
                        to.println("[rank " + rank + "] " + line);
                        to.flush();
                    }
                }
            } catch (IOException ignored) {
                // the worker is gone; its stream closed
            }
        }, "rank-" + rank + "-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private Outcome watch(List<Worker> workers) throws InterruptedException {
        while (true) {
            boolean allDone = true;
            for (Worker w : workers) {
                if (w.process.isAlive()) {
                    allDone = false;
                    continue;
                }
                int code = w.process.exitValue();
                if (code != 0) {
                    stopAll(workers);
                    drain(workers);
                    String msg = "worker rank " + w.rank + " (pid " + w.process.pid() + ") " + describeExit(code)
                            + "; stopped the other workers";
                    return new Outcome(code, w.rank, msg);
                }
            }
            if (allDone) {
                drain(workers);
                return new Outcome(0, -1, "all " + workers.size() + " workers finished");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    static String describeExit(int code) {
        if (code > 128 && code < 160) {
            return "was killed by signal " + (code - 128) + " (exit code " + code + ")";
        }
        return "exited with code " + code;
    }

    private void stopAll(List<Worker> workers) {
        workers.forEach(w -> w.process.destroy());
        long deadline = System.nanoTime() + grace.toNanos();
        for (Worker w : workers) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!w.process.waitFor(left, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                    w.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                w.process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void drain(List<Worker> workers) throws InterruptedException {
        for (Worker w : workers) {
            for (Thread t : w.pumps) {
                t.join(2000);
            }
        }
    }

    private static final class Worker {
        final int rank;
        final Process process;
        final List<Thread> pumps = new ArrayList<>();

        Worker(int rank, Process process) {
            this.rank = rank;
            this.process = process;
        }
    }
}
