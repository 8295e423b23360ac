package org.unidefense.engine;

import org.unidefense.UserInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A run's directory {@code <runs>/<model name>/<id>} and the files in it. As the reference: a new
 * training run refuses an id that already exists, a resumed run and the test stage need it to exist,
 * and without a configured id the start time names the run.
 */
public record RunDirectory(Path dir) {
    private static final DateTimeFormatter TIME_ID = DateTimeFormatter.ofPattern("yyyy-MM-dd...HH.mm.ss");

    /** The directory for a training run; created unless resuming. */
    public static RunDirectory forTraining(Path runsRoot, String model, String id, boolean resume) {
        String runId = id != null ? id : LocalDateTime.now().format(TIME_ID);
        Path dir = runsRoot.resolve(model).resolve(runId);
        if (resume) {
            if (!Files.isDirectory(dir)) {
                throw new UserInputException("config.resume is true but run directory " + dir + " does not exist");
            }
            return new RunDirectory(dir);
        }
        if (Files.exists(dir)) {
            throw new UserInputException("run id '" + runId + "' already exists (" + dir
                    + "); choose another config.id or --exp_id, or set config.resume: true");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + dir, e);
        }
        return new RunDirectory(dir);
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
