package org.unidefense.engine;

import org.bytedeco.javacpp.PointerScope;
import org.unidefense.UserInputException;
import org.unidefense.bench.ProcessMemory;
import org.unidefense.config.DatasetCommon;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.data.loader.Batch;
import org.unidefense.data.loader.PairedBatches;
import org.unidefense.distributed.DistributedRun;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.model.weights.ModelCheckpoint;
import org.unidefense.report.ProgressBar;
import org.unidefense.train.StepResult;
import org.unidefense.train.Training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference engines' training loop over one {@link Training} (UniDefense's two-pass step or
 * RECCE's single pass): steps 1..num_steps, each with a paired batch from the protocol's streams
 * inside its own PointerScope; every {@code log_steps} the mean losses, learning rate and accuracy
 * since the last log; every {@code val_steps} a validation, best-model selection and the
 * {@code latest} checkpoint. The model and optimizer live outside the step scopes.
 */
public final class TrainingLoop implements AutoCloseable {
    static final String LATEST = "latest";
    private final ResolvedConfig cfg;
    private final Protocol protocol;
    private final UniDefenseModel model;
    private final Training training;
    private final RunDirectory run;
    private final RunObserver log;
    private final List<BestTracker> trackers = new ArrayList<>();
    private final long numSteps;
    private final long logSteps;
    private final long valSteps;
    private long stepsDone;
    private double threshold = Double.NaN;
    private DistributedRun dist = DistributedRun.SINGLE;
    private AutoCloseable lock;

    public TrainingLoop(ResolvedConfig cfg, Protocol protocol, UniDefenseModel model, Training training,
                  RunDirectory run, RunObserver log) {
        this.cfg = cfg;
        this.protocol = protocol;
        this.model = model;
        this.training = training;
        this.run = run;
        this.log = log;
        DatasetCommon common = cfg.dataset().common();
        this.numSteps = required(common.numSteps(), "num_steps");
        this.logSteps = required(common.logSteps(), "log_steps");
        this.valSteps = required(common.valSteps(), "val_steps");
        protocol.rules().forEach(r -> trackers.add(new BestTracker(r)));
    }

    private long required(Integer value, String key) {
        if (value == null) {
            throw new UserInputException("dataset file " + cfg.datasetFile() + ": " + key + " is needed for training");
        }
        return value;
    }

    /**
     * Trains as one rank of {@code dist} (the protocol and the step must be distributed too):
     * logged training values are averaged over the ranks, and only rank 0 writes checkpoints.
     * The engine closes {@code dist}.
     */
    public void distribute(DistributedRun dist) {
        this.dist = dist == null ? DistributedRun.SINGLE : dist;
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

    public List<BestTracker> trackers() {
        return trackers;
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
        LossMeter meter = new LossMeter();
        try (PairedBatches batches = protocol.trainBatches(stepsDone);
             ProgressBar bar = log.progress("train", numSteps)) {
            bar.startAt(stepsDone);
            while (stepsDone < last) {
                long step = stepsDone + 1;
                Batch batch = batches.next();
                model.train(true);
                try (PointerScope scope = new PointerScope()) {
                    StepResult r = training.step().run(batch.imagesTensor(), batch.labelsTensor(), realCount(batch), step);
                    stopIfNotFinite(step, r);
                    meter.add(r, batch.labels());
                    bar.update(step, Map.of("loss", r.totalLoss()));
                }
                stepsDone = step;
                if (step % logSteps == 0) {
                    Map<String, Double> values = dist.mean(meter.summary());
                    // resident memory with every log line: a long run shows whether native memory leaks
                    values.put("rss_mb", ProcessMemory.rssBytes() / 1048576.0);
                    log.metrics(step, "train", values);
                    log.line(String.format(Locale.ROOT, "Train step %d/%d, loss %.4f, acc %.4f, lr %.6g, rss %.0f MB", step,
                            numSteps, StepResult.totalOf(values), values.get("acc"), values.get("lr"),
                            values.get("rss_mb")));
                    meter = new LossMeter();
                }
                if (step % valSteps == 0) {
                    validate(step);
                    saveLatest();
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing the training streams failed", e);
        }
        if (stepsDone % valSteps != 0) {
            saveLatest();
        }
        if (stepsDone == numSteps) {
            log.line("Training ends at step " + stepsDone + "; " + bestSummary());
        }
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

    /** Validates, updates every best-model rule and saves the models that became best. */
    public void validate(long step) {
        Evaluation e = protocol.validate(model);
        threshold = e.threshold();
        e.lines().forEach(l -> log.line("Step " + step + " " + l));
        log.metrics(step, "val", e.metrics());
        for (BestTracker t : trackers) {
            if (t.offer(step, e.metrics())) {
                saveModel(t.rule().checkpoint(), step, t);
            }
        }
        log.line(bestSummary());
    }

    private String bestSummary() {
        StringBuilder b = new StringBuilder();
        for (BestTracker t : trackers) {
            b.append(String.format(Locale.ROOT, "[%s] best step %d, %s %.4f  ", t.rule().checkpoint(), t.step(),
                    t.rule().describe(), t.rule().shown(t.score())));
        }
        return b.toString().trim();
    }

    private Map<String, Object> metadata(long step, BestTracker primary) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", step);
        m.put("best_step", primary.step());
        m.putAll(protocol.referenceBestEntries(primary.metrics()));
        Map<String, Object> best = new LinkedHashMap<>();
        trackers.forEach(t -> best.put(t.rule().checkpoint(), t.toMap()));
        m.put("trackers", best);
        m.put("threshold", threshold);
        return m;
    }

    /**
     * Saves a selected model with its trainer state (so {@code resume_best} can continue from it),
     * in the same order as {@link #saveLatest()}.
     */
    private void saveModel(String name, long step, BestTracker tracker) {
        if (!dist.isWriter()) {
            return;
        }
        Map<String, Object> m = metadata(step, tracker);
        m.put("selected_by", tracker.rule().describe());
        boolean keepState = keepsAllTrainerStates();
        if (keepState) {
            TrainerStateFile.save(run.trainerState(name, step), training, step);
        }
        ModelCheckpoint.save(run.checkpoint(name), model, m, cfg.model(), Double.isNaN(threshold) ? null : threshold);
        run.deleteTrainerStatesExcept(name, keepState ? step : -1);
    }

    /** {@code config.trainer_states: all}: the selected models keep their trainer state (for resume_best). */
    private boolean keepsAllTrainerStates() {
        return !"latest".equals(cfg.config().trainerStates());
    }

    /**
     * The trainer state first, then the checkpoint that refers to it by step (both atomic), then the
     * older states: an interruption anywhere leaves a checkpoint whose state exists.
     */
    void saveLatest() {
        if (!dist.isWriter()) {
            return;
        }
        TrainerStateFile.save(run.trainerState(LATEST, stepsDone), training, stepsDone);
        ModelCheckpoint.save(run.checkpoint(LATEST), model, metadata(stepsDone, trackers.get(0)), cfg.model(),
                Double.isNaN(threshold) ? null : threshold);
        run.deleteTrainerStatesExcept(LATEST, stepsDone);
    }

    /**
     * Restores the newest checkpoint that is whole ({@code latest}, else a selected model such as
     * {@code best}), with its trainer state: weights, optimizer, generator, best-model state and the
     * step; the learning-rate plan is replayed to that step (it is a pure function of the step
     * count). Damaged or incomplete checkpoints are named in the log and skipped.
     */
    public void resume() {
        List<String> names = new ArrayList<>();
        names.add(LATEST);
        if (keepsAllTrainerStates()) {
            trackers.forEach(t -> names.add(t.rule().checkpoint()));
        }
        List<String> problems = new ArrayList<>();
        ResumePoint point = ResumePoint.newest(run, names, problems::add).orElseThrow(() -> new UserInputException(
                "cannot resume run " + run.dir() + ": it has no complete checkpoint"
                        + (problems.isEmpty() ? " (it stopped before its first one)" : " (" + String.join("; ", problems) + ")")
                        + "; start it afresh with resume: false (the directory is reused), or choose another --exp_id"));
        problems.forEach(p -> log.line("warning: not resuming from " + p));
        restore(point);
    }

    /**
     * Restores checkpoint {@code name} ({@code best} for {@code resume_best}) and its trainer state;
     * training continues from its step, so steps after a best model are redone.
     */
    public void resume(String name) {
        List<String> problems = new ArrayList<>();
        ResumePoint point = ResumePoint.of(run, name, problems::add).orElseThrow(() -> new UserInputException(
                "cannot resume run " + run.dir() + " from " + name + ": "
                        + (problems.isEmpty() ? "it has no " + run.checkpoint(name).getFileName()
                                + (name.equals(LATEST) ? "" : " (config.resume_best needs a validated run)")
                                : String.join("; ", problems))));
        restore(point);
    }

    private void restore(ResumePoint point) {
        ModelCheckpoint ckpt = ModelCheckpoint.load(point.checkpoint(), model);
        Map<String, Object> meta = ckpt.metadata();
        long step = point.step();
        Map<?, ?> best = (Map<?, ?>) meta.get("trackers");
        for (BestTracker t : trackers) {
            Object saved = best.get(t.rule().checkpoint());
            if (saved != null) {
                t.restore((Map<?, ?>) saved);
            }
        }
        Object thr = meta.get("threshold");
        threshold = thr instanceof Number n ? n.doubleValue() : Double.NaN;
        // Replayed before the optimizer state is loaded: the chainable schedules compute each rate
        // from the current one, which the loaded state would already have advanced.
        for (long s = 1; s <= step; s++) {
            training.learningRatePlan().beforeStep(s);
            training.learningRatePlan().afterStep(s);
        }
        TrainerStateFile.load(point.state(), training, step);
        stepsDone = step;
        // the records of steps after the checkpoint are redone: drop them so the history has each step once
        log.truncateHistory(step);
        if (dist.isWriter()) {
            run.removeOrphanTrainerStates();
        }
        log.line("Resumed from " + point.checkpoint().getFileName() + " at step " + step + "; " + bestSummary());
    }

    /** Closes the protocol's loaders. */
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

    /** Mean losses, accuracy and the last learning rate over the steps since the last log. */
    private static final class LossMeter {
        private final Map<String, Double> sums = new TreeMap<>();
        private int steps;
        private long correct;
        private long seen;
        private double lr = Double.NaN;

        void add(StepResult r, long[] labels) {
            r.losses().forEach((k, v) -> sums.merge(k, v, Double::sum));
            steps++;
            correct += r.correct(labels);
            seen += labels.length;
            lr = r.learningRate();
        }

        Map<String, Double> summary() {
            Map<String, Double> m = new LinkedHashMap<>();
            sums.forEach((k, v) -> m.put(k, v / steps));
            m.put("acc", seen == 0 ? Double.NaN : (double) correct / seen);
            m.put("lr", lr);
            return m;
        }
    }
}
