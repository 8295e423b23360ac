package org.unidefense.engine;

import org.bytedeco.javacpp.PointerScope;
import org.unidefense.UserInputException;
import org.unidefense.config.DatasetCommon;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.data.loader.Batch;
import org.unidefense.data.loader.PairedBatches;
import org.unidefense.distributed.DistributedRun;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.report.ProgressBar;
import org.unidefense.train.StepResult;
import org.unidefense.train.Training;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The reference engines' training loop over one {@link Training} (UniDefense's two-pass step or
 * RECCE's single pass, the loop does not know which): steps 1..num_steps, each with a paired batch
 * from the protocol's streams inside its own PointerScope, and a validation every
 * {@code val_steps}. What is done with them (logs, best-model selection, checkpoints) is up to
 * the {@link TrainingListener}s: {@link ValidationListener}, {@link CheckpointListener} (rank 0
 * only) and {@link LoggingListener}, in that order, then any added. The model and optimizer live
 * outside the step scopes.
 */
public final class TrainingLoop implements AutoCloseable {
    static final String LATEST = "latest";
    private final ResolvedConfig cfg;
    private final Protocol protocol;
    private final UniDefenseModel model;
    private final Training training;
    private final RunDirectory run;
    private final RunObserver log;
    private final DistributedRun dist;
    private final BestModels best;
    private final TrainingResume resumption;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private final long numSteps;
    private final long valSteps;
    private long stepsDone;
    private AutoCloseable lock;

    /**
     * A loop for one rank of {@code dist} (the protocol and the step must be distributed too):
     * logged training values are averaged over the ranks, and only rank 0 writes checkpoints.
     * The loop closes {@code dist}.
     */
    public TrainingLoop(ResolvedConfig cfg, Protocol protocol, UniDefenseModel model, Training training,
                        RunDirectory run, RunObserver log, DistributedRun dist) {
        this(cfg, protocol, model, training, run, log, dist, dist.isWriter());
    }

    /** As the public constructor, with {@code writer} saying whether this rank writes the run's files. */
    TrainingLoop(ResolvedConfig cfg, Protocol protocol, UniDefenseModel model, Training training,
                 RunDirectory run, RunObserver log, DistributedRun dist, boolean writer) {
        this.cfg = cfg;
        this.protocol = protocol;
        this.model = model;
        this.training = training;
        this.run = run;
        this.log = log;
        this.dist = dist;
        DatasetCommon common = cfg.dataset().common();
        this.numSteps = required(common.numSteps(), "num_steps");
        long logSteps = required(common.logSteps(), "log_steps");
        this.valSteps = required(common.valSteps(), "val_steps");
        this.best = new BestModels(protocol.rules());
        this.resumption = new TrainingResume(run, model, training, best, log, writer);
        listeners.add(new ValidationListener(log));
        if (writer) {
            listeners.add(new CheckpointListener(cfg, protocol, model, training, run, valSteps));
        }
        listeners.add(new LoggingListener(log, dist, logSteps));
    }

    private long required(Integer value, String key) {
        if (value == null) {
            throw new UserInputException("dataset file " + cfg.datasetFile() + ": " + key + " is needed for training");
        }
        return value;
    }

    /** Adds a listener after the standard ones (see {@link TrainingListener} for what it then sees). */
    public TrainingLoop addListener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** The listeners in the order they are called. */
    public List<TrainingListener> listeners() {
        return Collections.unmodifiableList(listeners);
    }

    /** Keeps the run directory's lock (see {@link RunLock}) until {@link #close()}; null for none. */
    void holdLock(AutoCloseable runLock) {
        this.lock = runLock;
    }

    public UniDefenseModel model() {
        return model;
    }

    public long stepsDone() {
        return stepsDone;
    }

    public long numSteps() {
        return numSteps;
    }

    public BestModels bestModels() {
        return best;
    }

    public List<BestTracker> trackers() {
        return best.trackers();
    }

    /** Trains to {@code num_steps}. */
    public void train() {
        train(numSteps);
    }

    /**
     * Trains up to step {@code stopAt} (at most num_steps) and saves {@code latest} there, as if the
     * run had been interrupted right after that step; resuming continues as if it never stopped.
     */
    public void train(long stopAt) {
        long last = Math.min(stopAt, numSteps);
        fire(l -> l.onTrainingBegin(this));
        try (PairedBatches batches = protocol.trainBatches(stepsDone);
             ProgressBar bar = log.progress("train", numSteps)) {
            bar.startAt(stepsDone);
            while (stepsDone < last) {
                long step = stepsDone + 1;
                Batch batch = batches.next();
                StepResult r = runStep(batch, step);
                bar.update(step, Map.of("loss", r.totalLoss()));
                stepsDone = step;
                StepOutcome outcome = new StepOutcome(step, r, batch.labels());
                fire(l -> l.onTrainingBatch(this, outcome));
                if (step % valSteps == 0) {
                    Evaluation e = protocol.validate(model);
                    fire(l -> l.onValidation(this, step, e));
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing the training streams failed", e);
        }
        fire(l -> l.onTrainingEnd(this));
    }

    private StepResult runStep(Batch batch, long step) {
        model.train(true);
        try (PointerScope scope = new PointerScope()) {
            StepResult r = training.step().run(batch.imagesTensor(), batch.labelsTensor(), realCount(batch), step);
            stopIfNotFinite(step, r);
            return r;
        }
    }

    private void fire(Consumer<TrainingListener> event) {
        listeners.forEach(event);
    }

    /**
     * A NaN or infinite loss ends the run at its step: the update it made is not saved, so the
     * last checkpoint stays the last good state.
     */
    private void stopIfNotFinite(long step, StepResult r) {
        for (Map.Entry<String, Double> e : r.losses().entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                String kept = Files.isRegularFile(run.checkpoint(LATEST))
                        ? "the last good checkpoint " + run.checkpoint(LATEST) + " is kept"
                        : "no checkpoint was written yet";
                String msg = "training diverged at step " + step + ": loss " + e.getKey() + " is " + e.getValue()
                        + "; " + kept + ". Lower config.optimizer's lr (or check the data) and resume or start again";
                log.line(msg);
                throw new TrainingDivergedException(msg);
            }
        }
    }

    private static long realCount(Batch batch) {
        long n = 0;
        for (long l : batch.labels()) {
            n += l == 0 ? 1 : 0;
        }
        return n;
    }

    /**
     * Restores the newest checkpoint that is whole ({@code latest}, else a selected model such as
     * {@code best}), with its trainer state (see {@link TrainingResume}).
     */
    public void resume() {
        stepsDone = resumption.newest(CheckpointListener.keepsAllTrainerStates(cfg));
    }

    /**
     * Restores checkpoint {@code name} ({@code best} for {@code resume_best}) and its trainer state;
     * training continues from its step, so steps after a best model are redone.
     */
    public void resume(String name) {
        stepsDone = resumption.named(name);
    }

    /** Closes the protocol's loaders, the log, the process group and the run lock. */
    @Override
    public void close() {
        try {
            protocol.close();
        } finally {
            try {
                log.close();
            } finally {
                try {
                    dist.close();
                } finally {
                    releaseLock();
                }
            }
        }
    }

    private void releaseLock() {
        if (lock != null) {
            try {
                lock.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot release the run lock", e);
            } finally {
                lock = null;
            }
        }
    }
}
