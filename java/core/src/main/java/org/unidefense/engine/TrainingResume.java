package org.unidefense.engine;

import org.unidefense.UserInputException;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.model.weights.ModelCheckpoint;
import org.unidefense.train.Training;

import java.util.ArrayList;
import java.util.List;

/**
 * Continues a run from one of its checkpoints: weights, optimizer, generator, best-model state and
 * the step; the learning-rate plan is replayed to that step (it is a pure function of the step
 * count). Damaged or incomplete checkpoints are named in the log and skipped.
 */
final class TrainingResume {
    private final RunDirectory run;
    private final UniDefenseModel model;
    private final Training training;
    private final BestModels best;
    private final RunObserver log;
    private final boolean writer;

    TrainingResume(RunDirectory run, UniDefenseModel model, Training training, BestModels best, RunObserver log,
                   boolean writer) {
        this.run = run;
        this.model = model;
        this.training = training;
        this.best = best;
        this.log = log;
        this.writer = writer;
    }

    /**
     * Restores the newest checkpoint that is whole ({@code latest}, else with {@code allStates} a
     * selected model such as {@code best}) and returns its step.
     */
    long newest(boolean allStates) {
        List<String> names = new ArrayList<>();
        names.add(TrainingLoop.LATEST);
        if (allStates) {
            best.trackers().forEach(t -> names.add(t.rule().checkpoint()));
        }
        List<String> problems = new ArrayList<>();
        ResumePoint point = ResumePoint.newest(run, names, problems::add).orElseThrow(() -> new UserInputException(
                "cannot resume run " + run.dir() + ": it has no complete checkpoint"
                        + (problems.isEmpty() ? " (it stopped before its first one)" : " (" + String.join("; ", problems) + ")")
                        + "; start it afresh with resume: false (the directory is reused), or choose another --exp_id"));
        problems.forEach(p -> log.line("warning: not resuming from " + p));
        return restore(point);
    }

    /** Restores checkpoint {@code name} ({@code best} for {@code resume_best}) and returns its step. */
    long named(String name) {
        List<String> problems = new ArrayList<>();
        ResumePoint point = ResumePoint.of(run, name, problems::add).orElseThrow(() -> new UserInputException(
                "cannot resume run " + run.dir() + " from " + name + ": "
                        + (problems.isEmpty() ? "it has no " + run.checkpoint(name).getFileName()
                                + (name.equals(TrainingLoop.LATEST) ? "" : " (config.resume_best needs a validated run)")
                                : String.join("; ", problems))));
        return restore(point);
    }

    private long restore(ResumePoint point) {
        ModelCheckpoint ckpt = ModelCheckpoint.load(point.checkpoint(), model);
        long step = point.step();
        best.restore(ckpt.metadata());
        // Replayed before the optimizer state is loaded: the chainable schedules compute each rate
        // from the current one, which the loaded state would already have advanced.
        for (long s = 1; s <= step; s++) {
            training.learningRatePlan().beforeStep(s);
            training.learningRatePlan().afterStep(s);
        }
        TrainerStateFile.load(point.state(), training, step);
        // the records of steps after the checkpoint are redone: drop them so the history has each step once
        log.truncateHistory(step);
        if (writer) {
            run.removeOrphanTrainerStates();
        }
        log.line("Resumed from " + point.checkpoint().getFileName() + " at step " + step + "; " + best.summary());
        return step;
    }
}
