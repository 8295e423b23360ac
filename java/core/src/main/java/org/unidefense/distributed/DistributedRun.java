package org.unidefense.distributed;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.config.TrainConfig;
import org.unidefense.tensor.DeviceSpec;
import org.unidefense.train.TwoPassStep;
import org.unidefense.train.TrainingStep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import static org.bytedeco.pytorch.global.torch.cuda_is_available;

/**
 * This process's part in a training run: its {@link DistEnv} and, with more than one process, the
 * c10d group. A single process ({@link #SINGLE}) needs no group and every call is a no-op, so the
 * engine runs the same code either way.
 */
public final class DistributedRun implements AutoCloseable {
    public static final DistributedRun SINGLE = new DistributedRun(DistEnv.single(), null, GradientBuckets.DEFAULT_BUCKET_BYTES);

    /** What the run log says about BatchNorm under data parallelism (decisions.md 6). */
    public static final String SYNC_BN_NOTE = "BatchNorm statistics are computed per process (no SyncBatchNorm: "
            + "libtorch has none; the reference converts to SyncBatchNorm), and rank 0's running statistics are "
            + "copied to the others before each forward pass; see docs/distributed.md";

    private final DistEnv env;
    private final DistGroup group;
    private final long bucketBytes;

    private DistributedRun(DistEnv env, DistGroup group, long bucketBytes) {
        this.env = env;
        this.group = group;
        this.bucketBytes = bucketBytes;
    }

    /**
     * Joins the group of {@code env} with the backend, timeout and bucket size of
     * {@code config.distribute}; a single-process env gives {@link #SINGLE}. NCCL without a GPU
     * falls back to Gloo (every reference config names nccl), saying so through {@code log}.
     */
    public static DistributedRun open(DistEnv env, TrainConfig config, Consumer<String> log) {
        return open(env, config, cuda_is_available() ? DeviceSpec.cuda(env.localRank()) : DeviceSpec.CPU, log);
    }

    /**
     * As {@link #open(DistEnv, TrainConfig, Consumer)} for a model on {@code device}: NCCL needs the
     * model on a GPU (one per worker, {@code cuda:LOCAL_RANK}); on the CPU a configured nccl becomes Gloo.
     */
    public static DistributedRun open(DistEnv env, TrainConfig config, DeviceSpec device, Consumer<String> log) {
        long bucketBytes = (long) (config.distributeBucketMb() * (1 << 20));
        if (!env.isDistributed()) {
            return new DistributedRun(env, null, bucketBytes);
        }
        CommBackend kind = CommBackend.parse(config.distributeBackend());
        if (kind == CommBackend.NCCL && !device.isCuda()) {
            log.accept("warning: config.distribute.backend is nccl but the model is on " + device
                    + (cuda_is_available() ? "" : " (no CUDA device is available)") + "; using gloo");
            kind = CommBackend.GLOO;
        }
        Duration timeout = Duration.ofMillis((long) (config.distributeTimeoutS() * 1000));
        DistGroup group = DistGroup.open(env, kind, timeout, device);
        log.accept(String.format(Locale.ROOT, "Distributed: %d processes, %s backend, timeout %d s, gradient buckets "
                + "of %.1f MiB; %s", env.worldSize(), kind.configName(), timeout.toSeconds(), bucketBytes / 1048576.0,
                SYNC_BN_NOTE));
        return new DistributedRun(env, group, bucketBytes);
    }

    public DistEnv env() {
        return env;
    }

    public boolean isDistributed() {
        return group != null;
    }

    /** Only rank 0 writes the run directory, logs and checkpoints. */
    public boolean isWriter() {
        return env.isWriter();
    }

    public int rank() {
        return env.rank();
    }

    public int worldSize() {
        return isDistributed() ? env.worldSize() : 1;
    }

    /** The group; only for a distributed run. */
    public DistGroup group() {
        if (group == null) {
            throw new IllegalStateException("a single-process run has no process group");
        }
        return group;
    }

    /**
     * Makes {@code model} data parallel: rank 0's weights everywhere, and gradients averaged after
     * each backward of {@code step}. Call outside any PointerScope.
     */
    public void parallelize(Module model, TrainingStep step) {
        if (group == null) {
            return;
        }
        ParameterSync.broadcastFromRankZero(model, group);
        step.setObserver(new DataParallel(model, group, bucketBytes, null));
    }

    /** The mean of each value over the ranks (the reference's {@code reduce_tensor} of logged losses). */
    public Map<String, Double> mean(Map<String, Double> values) {
        if (group == null || values.isEmpty()) {
            return values;
        }
        List<String> keys = new ArrayList<>(values.keySet());
        double[] v = new double[keys.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(keys.get(i));
        }
        try (PointerScope ignored = new PointerScope()) {
            Tensor t = DoubleTensors.of(v);
            group.allreduceSum(t);
            double[] sum = DoubleTensors.values(t);
            Map<String, Double> out = new LinkedHashMap<>();
            for (int i = 0; i < v.length; i++) {
                out.put(keys.get(i), sum[i] / env.worldSize());
            }
            return out;
        }
    }

    /** Waits for every rank (e.g. so that rank 0 has written a checkpoint before others read it). */
    public void barrier() {
        if (group != null) {
            group.barrier();
        }
    }

    @Override
    public void close() {
        if (group != null) {
            group.close();
        }
    }
}
