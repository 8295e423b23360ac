package org.unidefense.bench;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.model.recce.Recce;
import org.unidefense.train.RecceTraining;
import org.unidefense.train.Training;
import org.unidefense.train.TwoPassTraining;
import org.unidefense.tensor.Tensors;
import org.unidefense.tensor.DeviceSpec;

import static org.bytedeco.pytorch.global.torch.rand;

/**
 * Time of one full training step on random input, with the model, optimizer and lambdas of a
 * configuration: UniDefense's two-pass step (both forwards, both backwards, both optimizer
 * updates), or RECCE's single pass for {@code model: name: Recce}.
 * Resident memory is sampled before and after the timed steps, so a leak shows as growth.
 */
public final class TrainStepBench {
    private TrainStepBench() {
    }

    /** What one run measured. */
    public record Result(TimingStats secondsPerStep, ProcessStats perStep, long rssAfterWarmupBytes, long rssEndBytes) {
    }

    /**
     * @param perClass real images and fake images per step (the reference's "10 + 10")
     */
    public static Result run(ResolvedConfig cfg, int perClass, int size, int warmup, int repeats) {
        return run(ModelRegistry.create(cfg), cfg, perClass, size, warmup, repeats);
    }

    /**
     * As above with a model built by the caller (e.g. in another precision, memory format or on
     * another device than the config's); batches are copied to the model's device in the step.
     */
    public static Result run(UniDefenseModel model, ResolvedConfig cfg, int perClass, int size, int warmup, int repeats) {
        Training training = model instanceof Recce recce
                ? RecceTraining.fromConfig(recce, cfg.config())
                : TwoPassTraining.fromConfig(model, cfg.config(), cfg.dataset().common().numSteps());
        long[] labelValues = new long[2 * perClass];
        for (int i = perClass; i < labelValues.length; i++) {
            labelValues[i] = 1;
        }
        double[] secs = new double[repeats];
        long rssAfterWarmup = ProcessMemory.rssBytes();
        ProcessStats timedStart = ProcessStats.now();
        for (int i = -warmup; i < repeats; i++) {
            if (i == 0) {
                rssAfterWarmup = ProcessMemory.rssBytes();
                timedStart = ProcessStats.now();
            }
            try (PointerScope scope = new PointerScope()) {
                Tensor x = rand(2L * perClass, 3, size, size).mul_(new org.bytedeco.pytorch.Scalar(2.0))
                        .sub_(new org.bytedeco.pytorch.Scalar(1.0));
                Tensor labels = Tensors.fromLongs(labelValues, labelValues.length);
                long t0 = System.nanoTime();
                training.step().run(x, labels, perClass, warmup + i + 1L);
                double s = (System.nanoTime() - t0) / 1e9;
                if (i >= 0) {
                    secs[i] = s;
                }
            }
        }
        ProcessStats perStep = ProcessStats.now().minus(timedStart).per(repeats);
        return new Result(TimingStats.of(secs), perStep, rssAfterWarmup, ProcessMemory.rssBytes());
    }
}
