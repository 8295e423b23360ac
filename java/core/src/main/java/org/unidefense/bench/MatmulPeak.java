package org.unidefense.bench;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.randn;

/**
 * The machine's practical float32 peak through libtorch: a large square matmul, median of
 * several runs. Every benchmark figure is reported next to it so numbers from different
 * machines (or a contended one) can be compared.
 */
public final class MatmulPeak {
    private MatmulPeak() {
    }

    /** GFLOP/s of an n×n by n×n float32 matmul, median over {@code repeats} runs after one warm-up. */
    public static double gflops(int n, int repeats) {
        try (PointerScope scope = new PointerScope()) {
            Tensor a = randn(n, n);
            Tensor b = randn(n, n);
            a.matmul(b);
            double[] secs = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                Tensor c = a.matmul(b);
                c.data_ptr_float().get(); // forces completion on any device
                secs[i] = (System.nanoTime() - t0) / 1e9;
            }
            double flops = 2.0 * n * (double) n * n;
            return flops / TimingStats.of(secs).medianSeconds() / 1e9;
        }
    }
}
