package org.unidefense.engine;

/**
 * Logs each validation (its lines and a {@code val} metric record), offers it to the best-model
 * rules ({@link BestModels}) and logs the best models so far.
 */
final class ValidationListener implements TrainingListener {
    private final RunObserver log;

    ValidationListener(RunObserver log) {
        this.log = log;
    }

    @Override
    public void onValidation(TrainingLoop loop, long step, Evaluation e) {
        e.lines().forEach(l -> log.line("Step " + step + " " + l));
        log.metrics(step, "val", e.metrics());
        loop.bestModels().record(step, e);
        log.line(loop.bestModels().summary());
    }
}
