package org.unidefense.engine;

import org.unidefense.config.ResolvedConfig;
import org.unidefense.config.TrainerStates;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.model.weights.ModelCheckpoint;
import org.unidefense.train.Training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the run's checkpoints (rank 0 only): after a validation the models that became best and
 * then {@code latest}; when training stops between validations, {@code latest} there too. Each
 * comes with its trainer state, written first, so that an interruption anywhere leaves a
 * checkpoint whose state exists. Runs after {@link ValidationListener}, which updates the best models.
 */
final class CheckpointListener implements TrainingListener {
    private final ResolvedConfig cfg;
    private final Protocol protocol;
    private final UniDefenseModel model;
    private final Training training;
    private final RunDirectory run;
    private final long valSteps;

    CheckpointListener(ResolvedConfig cfg, Protocol protocol, UniDefenseModel model, Training training,
                       RunDirectory run, long valSteps) {
        this.cfg = cfg;
        this.protocol = protocol;
        this.model = model;
        this.training = training;
        this.run = run;
        this.valSteps = valSteps;
    }

    /** {@code config.trainer_states: all}: the selected models keep their trainer state (for resume_best). */
    static boolean keepsAllTrainerStates(ResolvedConfig cfg) {
        return cfg.config().trainerStates() == TrainerStates.ALL;
    }

    @Override
    public void onValidation(TrainingLoop loop, long step, Evaluation evaluation) {
        BestModels best = loop.bestModels();
        for (BestTracker t : best.improvedAt(step)) {
            saveSelected(t, step, best);
        }
        saveLatest(loop.stepsDone(), best);
    }

    @Override
    public void onTrainingEnd(TrainingLoop loop) {
        if (loop.stepsDone() % valSteps != 0) {
            saveLatest(loop.stepsDone(), loop.bestModels());
        }
    }

    /**
     * A selected model with its trainer state (so {@code resume_best} can continue from it), in the
     * same order as {@link #saveLatest}.
     */
    private void saveSelected(BestTracker tracker, long step, BestModels best) {
        String name = tracker.rule().checkpoint();
        Map<String, Object> m = metadata(step, tracker, best);
        m.put("selected_by", tracker.rule().describe());
        boolean keepState = keepsAllTrainerStates(cfg);
        if (keepState) {
            TrainerStateFile.save(run.trainerState(name, step), training, step);
        }
        ModelCheckpoint.save(run.checkpoint(name), model, m, cfg.model(), threshold(best));
        run.deleteTrainerStatesExcept(name, keepState ? step : -1);
    }

    /** The trainer state, then the checkpoint that refers to it by step (both atomic), then the older states. */
    private void saveLatest(long step, BestModels best) {
        TrainerStateFile.save(run.trainerState(TrainingLoop.LATEST, step), training, step);
        ModelCheckpoint.save(run.checkpoint(TrainingLoop.LATEST), model, metadata(step, best.primary(), best),
                cfg.model(), threshold(best));
        run.deleteTrainerStatesExcept(TrainingLoop.LATEST, step);
    }

    private static Double threshold(BestModels best) {
        return Double.isNaN(best.threshold()) ? null : best.threshold();
    }

    private Map<String, Object> metadata(long step, BestTracker primary, BestModels best) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("best_step", primary.step());
        m.putAll(protocol.referenceBestEntries(primary.metrics()));
        m.put("trackers", best.toMap());
        m.put("threshold", best.threshold());
        return m;
    }
}
