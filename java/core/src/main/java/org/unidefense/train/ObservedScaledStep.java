package org.unidefense.train;

/**
 * What every training step takes from outside besides its batch: the {@link StepObserver} it calls
 * after each backward and update (data-parallel gradient averaging, test probes) and the
 * {@link GradScaler} of {@code precision: fp16}. {@link TwoPassStep} and {@link RecceStep} differ in
 * how they use them, not in how they are given, so that part lives here once.
 */
public abstract class ObservedScaledStep implements TrainingStep {
    // read by the subclasses' run(), in this package
    StepObserver observer = StepObserver.NONE;
    GradScaler scaler = GradScaler.DISABLED;

    /** Called after each backward (gradients in place, parameters not yet updated) and after each update. */
    @Override
    public final void setObserver(StepObserver observer) {
        this.observer = observer == null ? StepObserver.NONE : observer;
    }

    /** Loss scaling for {@code precision: fp16} (null or {@link GradScaler#DISABLED}: none). */
    public final void setGradScaler(GradScaler scaler) {
        this.scaler = scaler == null ? GradScaler.DISABLED : scaler;
    }

    public final GradScaler gradScaler() {
        return scaler;
    }
}
