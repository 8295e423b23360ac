package org.unidefense.bench;

import org.unidefense.distributed.CommBackend;
import org.unidefense.distributed.DataParallel;
import org.unidefense.distributed.DistEnv;
import org.unidefense.distributed.DistGroup;
import org.unidefense.distributed.ParameterSync;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DimnameListOptional;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ConfigOverrides;
import org.unidefense.config.TrainConfig;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Tensors;
import org.unidefense.train.TwoPassStep;
import org.unidefense.train.TwoPassTraining;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.rand;

/**
 * Benchmark of data-parallel two-pass steps of UDR18 on random images (run it alone, or under
 * {@code unidefense launch --main org.unidefense.bench.DistBench}; see scripts/bench-dist.sh).
 * Arguments: {@code SIZE PER_RANK_PAIRS STEPS BUCKET_MB}. Rank 0 prints one line: processes,
 * threads per process, median step time, median gradient all-reduce time per step, bucket count.
 */
public final class DistBench {
    private static final int WARMUP = 2;

    private DistBench() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        double bucketMb = args.length > 3 ? Double.parseDouble(args[3]) : 25;
        DistEnv env = DistEnv.fromSystem(0);
        TrainConfig config = ConfigLoader.load(Path.of("config_template/ocim/model_udr18.yml"), ConfigOverrides.none())
                .config();
        manual_seed(1);
        UniDefenseModel model = ModelRegistry.create("udr18");
        TwoPassTraining training = TwoPassTraining.fromConfig(model, config, 8000);
        TwoPassStep step = training.step();
        DistGroup group = env.isDistributed() ? DistGroup.open(env, CommBackend.GLOO, Duration.ofSeconds(300)) : null;
        DataParallel dp = null;
        if (group != null) {
            ParameterSync.broadcastFromRankZero(model, group);
            dp = new DataParallel(model, group, (long) (bucketMb * (1 << 20)), null);
            step.setObserver(dp);
        }
        long[] labels = new long[2 * pairs];
        Arrays.fill(labels, pairs, 2 * pairs, 1L);
        double[] stepMs = new double[steps];
        double[] reduceMs = new double[steps];
        for (int s = 1; s <= WARMUP + steps; s++) {
            long before = dp == null ? 0 : dp.gradients().allReduceNanos();
            long t0 = System.nanoTime();
            try (PointerScope ignored = new PointerScope()) {
                Tensor x = rand(new long[]{2L * pairs, 3, size, size},
                        new GeneratorOptional(make_generator_cpu(100L * s + env.rank())), new DimnameListOptional(),
                        new TensorOptions(torch.ScalarType.Float)).mul(new Scalar(2.0)).sub(new Scalar(1.0));
                step.run(x, Tensors.fromLongs(labels, labels.length), pairs, s);
            }
            if (s > WARMUP) {
                stepMs[s - WARMUP - 1] = (System.nanoTime() - t0) / 1e6;
                reduceMs[s - WARMUP - 1] = dp == null ? 0 : (dp.gradients().allReduceNanos() - before) / 1e6;
            }
        }
        if (env.isWriter()) {
            System.out.printf(Locale.ROOT, "processes=%d threads_per_process=%d image=%dpx batch_per_process=%d "
                            + "step_ms_median=%.1f allreduce_ms_per_step_median=%.1f buckets=%d bucket_mb=%.1f "
                            + "grad_values=%d%n", env.worldSize(), torch.get_num_threads(), size, 2 * pairs,
                    median(stepMs), median(reduceMs), dp == null ? 0 : dp.gradients().bucketCount(), bucketMb,
                    dp == null ? 0 : dp.gradients().elements());
        }
        if (group != null) {
            group.barrier();
            group.close();
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s[s.length / 2];
    }
}
