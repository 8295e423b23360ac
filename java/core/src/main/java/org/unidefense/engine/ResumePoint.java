package org.unidefense.engine;

import org.unidefense.UserInputException;
import org.unidefense.checkpoint.ZipIntegrity;
import org.unidefense.model.weights.ModelCheckpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A checkpoint a run can continue from: its {@code .pt} file is a whole archive with a step, and
 * the trainer state of that step is a whole archive too. Both are checked here, in Java, before
 * libtorch reads anything, so a damaged file is named in one line and the next one is tried.
 */
public record ResumePoint(String name, long step, Path checkpoint, Path state) {

    /**
     * The resume point of checkpoint {@code name} of {@code run}, or empty with the reason given to
     * {@code problems} (nothing is reported when the checkpoint does not exist at all).
     */
    static Optional<ResumePoint> of(RunDirectory run, String name, Consumer<String> problems) {
        Path file = run.checkpoint(name);
        if (!java.nio.file.Files.exists(file)) {
            return Optional.empty();
        }
        Optional<String> bad = ZipIntegrity.problem(file);
        if (bad.isPresent()) {
            problems.accept(file.getFileName() + ": " + bad.get());
            return Optional.empty();
        }
        long step;
        try {
            Optional<Long> s = ModelCheckpoint.read(file).contents().longEntry("step");
            if (s.isEmpty()) {
                problems.accept(file.getFileName() + ": it records no training step");
                return Optional.empty();
            }
            step = s.get();
        } catch (UserInputException e) {
            problems.accept(file.getFileName() + ": " + e.getMessage());
            return Optional.empty();
        }
        Path state = run.trainerState(name, step);
        if (!java.nio.file.Files.exists(state)) {
            problems.accept(file.getFileName() + ": its trainer state " + state.getFileName() + " is missing");
            return Optional.empty();
        }
        bad = ZipIntegrity.problem(state);
        if (bad.isPresent()) {
            problems.accept(state.getFileName() + ": " + bad.get());
            return Optional.empty();
        }
        return Optional.of(new ResumePoint(name, step, file, state));
    }

    /** Of the resume points among {@code names}, the one of the latest step (ties: the first name). */
    static Optional<ResumePoint> newest(RunDirectory run, List<String> names, Consumer<String> problems) {
        ResumePoint best = null;
        for (String n : names) {
            Optional<ResumePoint> p = of(run, n, problems);
            if (p.isPresent() && (best == null || p.get().step() > best.step())) {
                best = p.get();
            }
        }
        return Optional.ofNullable(best);
    }
}
