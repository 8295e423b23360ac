package org.unidefense.bench;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Placement;
import org.unidefense.tensor.Tensors;

import static org.bytedeco.pytorch.global.torch.rand;

/**
 * Eval-mode forward throughput of a model on random input in [-1, 1]: the workload of
 * validation, testing and inference, on the same path as the evaluator (scoring only, in
 * inference mode). Each forward runs in its own {@link PointerScope}, as a
 * real evaluation loop does, so the figure includes freeing every activation.
 */
public final class EvalForwardBench {
    private EvalForwardBench() {
    }

    /** What one run measured: seconds per forward (one sample per timed run) and CPU/faults per forward. */
    public record Result(TimingStats secondsPerBatch, ProcessStats perBatch) {
    }

    public static Result run(UniDefenseModel model, int batch, int size, int warmup, int repeats) {
        model.eval();
        double[] secs = new double[repeats];
        ProcessStats timedStart = ProcessStats.now();
        try (InferenceMode inference = new InferenceMode()) {
            for (int i = -warmup; i < repeats; i++) {
                if (i == 0) {
                    timedStart = ProcessStats.now();
                }
                try (PointerScope scope = new PointerScope()) {
                    Tensor x = rand(batch, 3, size, size).mul_(new org.bytedeco.pytorch.Scalar(2.0))
                            .sub_(new org.bytedeco.pytorch.Scalar(1.0));
                    x = Placement.toDeviceOf(x, model);
                    long t0 = System.nanoTime();
                    Tensor logits = model.score(x);
                    Tensors.toFloats(logits); // waits for the result on any device
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (i >= 0) {
                        secs[i] = s;
                    }
                }
            }
        }
        return new Result(TimingStats.of(secs), ProcessStats.now().minus(timedStart).per(repeats));
    }
}
