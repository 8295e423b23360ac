package org.unidefense.engine;

import org.unidefense.bench.ProcessMemory;
import org.unidefense.distributed.DistributedRun;
import org.unidefense.train.StepResult;

import java.util.Locale;
import java.util.Map;

/**
 * Every {@code log_steps}: the mean losses, accuracy and learning rate since the last log (averaged
 * over the ranks), with the resident memory, as a {@code train} metric record and a log line; at
 * the last step, the line that training ends with the best models.
 */
final class LoggingListener implements TrainingListener {
    private final RunObserver log;
    private final DistributedRun dist;
    private final long logSteps;
    private LossMeter meter = new LossMeter();

    LoggingListener(RunObserver log, DistributedRun dist, long logSteps) {
        this.log = log;
        this.dist = dist;
        this.logSteps = logSteps;
    }

    @Override
    public void onTrainingBegin(TrainingLoop loop) {
        meter = new LossMeter();
    }

    @Override
    public void onTrainingBatch(TrainingLoop loop, StepOutcome outcome) {
        meter.add(outcome.result(), outcome.labels());
        long step = outcome.step();
        if (step % logSteps != 0) {
            return;
        }
        // a collective: every rank takes part, rank 0's observer alone writes
        Map<String, Double> values = dist.mean(meter.summary());
        // resident memory with every log line: a long run shows whether native memory leaks
        values.put("rss_mb", ProcessMemory.rssBytes() / 1048576.0);
        log.metrics(step, "train", values);
        log.line(String.format(Locale.ROOT, "Train step %d/%d, loss %.4f, acc %.4f, lr %.6g, rss %.0f MB", step,
                loop.numSteps(), StepResult.totalOf(values), values.get("acc"), values.get("lr"), values.get("rss_mb")));
        meter = new LossMeter();
    }

    @Override
    public void onTrainingEnd(TrainingLoop loop) {
        if (loop.stepsDone() == loop.numSteps()) {
            log.line("Training ends at step " + loop.stepsDone() + "; " + loop.bestModels().summary());
        }
    }
}
