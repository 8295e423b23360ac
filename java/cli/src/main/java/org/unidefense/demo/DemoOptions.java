package org.unidefense.demo;

/**
 * The knobs of the demo: where it writes, the synthetic benchmark's size and the short training.
 *
 * @param seed             seed of the benchmark and of the training run
 * @param size             image side of the benchmark and of the model input
 * @param videosPerMethod  synthetic videos per method and split
 * @param frames           frames per video (also the frames per video each split reads)
 * @param steps            training steps
 * @param batch            real and fake images per step (each)
 * @param learningRate     the optimizer's learning rate (AdamW for UDR18, Adam for Recce)
 * @param model            the detector trained: {@value #UDR18} or {@value #RECCE}
 */
public record DemoOptions(long seed, int size, int videosPerMethod, int frames, int steps, int batch,
                          double learningRate, String model) {
    public static final String UDR18 = "UDR18";
    public static final String RECCE = "Recce";

    public DemoOptions {
        if (model == null || !(model.equalsIgnoreCase(UDR18) || model.equalsIgnoreCase(RECCE))) {
            throw new IllegalArgumentException("the demo trains " + UDR18 + " or " + RECCE + ", not '" + model + "'");
        }
        model = model.equalsIgnoreCase(RECCE) ? RECCE : UDR18;
        positive(size, "size");
        positive(videosPerMethod, "videos per method");
        positive(frames, "frames");
        positive(steps, "steps");
        positive(batch, "batch");
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("the learning rate must be positive, got " + learningRate);
        }
    }

    private static void positive(int value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException("the demo's " + what + " must be positive, got " + value);
        }
    }

    /** Validations during training: about four, the last at the final step. */
    public int valSteps() {
        return Math.max(1, steps / 4);
    }

    public int logSteps() {
        return Math.max(1, Math.min(valSteps(), steps / 20));
    }
}
