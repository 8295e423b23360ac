package org.unidefense.engine;

import org.unidefense.UserInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A run's directory {@code <runs>/<model name>/<id>} and the files in it. As the reference: a new
 * training run refuses an id that already exists, a resumed run and the test stage need it to exist,
 * and without a configured id the start time names the run.
 */
public record RunDirectory(Path dir) {
    private static final DateTimeFormatter TIME_ID = DateTimeFormatter.ofPattern("yyyy-MM-dd...HH.mm.ss");

    /** A run directory this process owns until {@link #close()}: its lock is held. */
    public record Claim(RunDirectory run, RunLock lock) implements AutoCloseable {
        @Override
        public void close() {
            lock.close();
        }
    }

    /**
     * Claims the directory of a training run and locks it for the run's lifetime. A new run creates
     * the directory itself in one atomic step ({@link Files#createDirectory} fails if it exists), so
     * of two runs started together with the same id exactly one gets it. An existing directory
     * without any complete checkpoint (an earlier start stopped before its first one) is taken over
     * by a new run; one with a checkpoint must be resumed. Stale temporary files are removed.
     *
     * @param notes receives what the claim did beyond creating the directory, for the run log
     */
    public static Claim claimForTraining(Path runsRoot, String model, String id, boolean resume,
                                         java.util.function.Consumer<String> notes) {
        String runId = id != null ? id : LocalDateTime.now().format(TIME_ID);
        Path dir = runsRoot.resolve(model).resolve(runId);
        if (resume) {
            if (!Files.isDirectory(dir)) {
                throw new UserInputException("config.resume is true but run directory " + dir + " does not exist;"
                        + " start the run with resume: false first");
            }
            RunLock lock = RunLock.acquire(dir, "resume");
            RunDirectory run = new RunDirectory(dir);
            run.removeTemporaryFiles(notes);
            return new Claim(run, lock);
        }
        boolean created;
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir);
            created = true;
        } catch (FileAlreadyExistsException e) {
            created = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir, e);
        }
        RunLock lock = RunLock.acquire(dir, "start");
        RunDirectory run = new RunDirectory(dir);
        if (!created) {
            List<String> complete = run.completeCheckpoints();
            if (!complete.isEmpty()) {
                lock.close();
                throw new UserInputException("run id '" + runId + "' already exists (" + dir + ", with "
                        + String.join(", ", complete) + "); to continue it set resume: true in the config's"
                        + " config: block, or choose another config.id / --exp_id for a new run");
            }
            notes.accept("run directory " + dir + " held no complete checkpoint (an earlier start stopped before"
                    + " its first one); starting afresh in it");
            run.clearForFreshStart();
        }
        run.removeTemporaryFiles(notes);
        return new Claim(run, lock);
    }

    /** The names of this directory's checkpoints ({@code <name>.pt}) that a run can resume from. */
    public List<String> completeCheckpoints() {
        List<String> names = new ArrayList<>();
        for (String n : checkpointNames()) {
            ResumePoint.of(this, n, problem -> { }).ifPresent(p -> names.add(n));
        }
        return names;
    }

    /** The names of the {@code <name>.pt} files in this directory, sorted. */
    public List<String> checkpointNames() {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".pt") && !f.startsWith("."))
                    .map(f -> f.substring(0, f.length() - 3)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list run directory " + dir, e);
        }
    }

    /** Before a fresh start in a directory that holds no checkpoint: the old history and trainer states go. */
    private void clearForFreshStart() {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String f = p.getFileName().toString();
                if (f.endsWith(".state") || f.endsWith(".pt") || f.equals("metrics.jsonl")) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean run directory " + dir, e);
        }
    }

    /**
     * Deletes what an interrupted writer left: temporary files of {@link org.unidefense.io.AtomicFiles}
     * ({@code .<name>...tmp}) and of the checkpoint writer ({@code <name>.<pid>.tmp}). Only called
     * while this process holds the run's lock, so no live writer owns them.
     */
    void removeTemporaryFiles(java.util.function.Consumer<String> notes) {
        long bytes = 0;
        int count = 0;
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                if (p.getFileName().toString().endsWith(".tmp") && Files.isRegularFile(p)) {
                    bytes += Files.size(p);
                    Files.deleteIfExists(p);
                    count++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean temporary files in " + dir, e);
        }
        if (count > 0) {
            notes.accept(String.format(java.util.Locale.ROOT, "removed %d temporary file(s) of an interrupted run (%.1f MB)",
                    count, bytes / 1048576.0));
        }
    }

    /** The directory of a finished run, for the test stage. */
    public static RunDirectory existing(Path runsRoot, String model, String id) {
        if (id == null) {
            throw new UserInputException("config.id (or --exp_id) must name the run to test");
        }
        Path dir = runsRoot.resolve(model).resolve(id);
        if (!Files.isDirectory(dir)) {
            throw new UserInputException("run directory " + dir + " does not exist; train run '" + id + "' first");
        }
        return new RunDirectory(dir);
    }

    public Path checkpoint(String name) {
        return dir.resolve(name + ".pt");
    }

    /**
     * The optimizer and random-generator state of checkpoint {@code name} at {@code step}. The step
     * is in the name so that the state a checkpoint refers to survives until a newer checkpoint has
     * replaced it (a crash between the two writes leaves a consistent older pair).
     */
    public Path trainerState(String name, long step) {
        return dir.resolve(name + "-" + step + ".state");
    }

    /** Deletes the trainer states of {@code name} other than the one of {@code keepStep}. */
    public void deleteTrainerStatesExcept(String name, long keepStep) {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String f = p.getFileName().toString();
                if (f.startsWith(name + "-") && f.endsWith(".state") && !p.equals(trainerState(name, keepStep))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean old trainer states in " + dir, e);
        }
    }

    /**
     * Deletes trainer states that no checkpoint refers to: those of a name without its {@code .pt}
     * (a run killed while writing its first checkpoint of that name) and those of another step than
     * the name's readable checkpoint. Only called while this process holds the run's lock.
     */
    public void removeOrphanTrainerStates() {
        java.util.regex.Pattern state = java.util.regex.Pattern.compile("(.+)-(\\d+)\\.state");
        try (var files = Files.list(dir)) {
            java.util.Map<String, Long> steps = new java.util.HashMap<>();
            for (Path p : files.toList()) {
                java.util.regex.Matcher m = state.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                String name = m.group(1);
                long step = Long.parseLong(m.group(2));
                if (!Files.exists(checkpoint(name))) {
                    Files.deleteIfExists(p);
                    continue;
                }
                Long live = steps.computeIfAbsent(name, n -> ResumePoint.of(this, n, problem -> { })
                        .map(ResumePoint::step).orElse(-1L));
                if (live >= 0 && live != step) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean old trainer states in " + dir, e);
        }
    }

    public Path config() {
        return dir.resolve("config.yaml");
    }

    public Path records() {
        return dir.resolve("records.txt");
    }

    public Path metrics() {
        return dir.resolve("metrics.jsonl");
    }

    public Path testMetrics() {
        return testMetrics("");
    }

    /** {@code test_metrics<suffix>.json}: one file per dataset a run is tested on (suffix empty for its own). */
    public Path testMetrics(String suffix) {
        return dir.resolve("test_metrics" + suffix + ".json");
    }
}
