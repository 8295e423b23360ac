package org.unidefense.distributed;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.zeros;

/**
 * Averages the gradients of a module's parameters over all ranks, as DDP's reducer does: the
 * gradients are copied into flat buckets of about {@code bucketBytes} (parameters in reverse
 * registration order, roughly the order backward produces them), each bucket is summed with one
 * c10d all-reduce, divided by the world size and copied back. The buckets are allocated once, in
 * the constructor: build this outside any PointerScope.
 *
 * <p>A parameter without a gradient on this rank contributes zeros; its {@code .grad} stays
 * undefined (all ranks run the same graph, so none of them has one).
 */
public final class GradientBuckets implements AutoCloseable {
    /** DDP's default {@code bucket_cap_mb}. */
    public static final long DEFAULT_BUCKET_BYTES = 25L << 20;

    private final DistGroup group;
    private final List<Bucket> buckets = new ArrayList<>();
    private long allReduceNanos;
    private long calls;

    public GradientBuckets(Module module, DistGroup group, long bucketBytes) {
        if (bucketBytes < 1) {
            throw new IllegalArgumentException("bucket size must be positive, got " + bucketBytes);
        }
        this.group = group;
        TensorVector all = module.parameters(true);
        List<Tensor> params = new ArrayList<>();
        for (long i = all.size() - 1; i >= 0; i--) {
            Tensor p = all.get(i);
            if (p.requires_grad()) {
                // An owning handle: the vector's elements die with the vector.
                params.add(new Tensor(p));
            }
        }
        List<Tensor> current = new ArrayList<>();
        long bytes = 0;
        for (Tensor p : params) {
            long size = p.numel() * p.element_size();
            if (!current.isEmpty() && bytes + size > bucketBytes) {
                buckets.add(new Bucket(current));
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(p);
            bytes += size;
        }
        if (!current.isEmpty()) {
            buckets.add(new Bucket(current));
        }
    }

    /** Replaces every parameter's gradient by its mean over the ranks. */
    public void average() {
        try (PointerScope ignored = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            Scalar world = new Scalar((double) group.worldSize());
            for (Bucket b : buckets) {
                b.pack();
                long t0 = System.nanoTime();
                group.allreduceSum(b.flat);
                allReduceNanos += System.nanoTime() - t0;
                b.flat.div_(world);
                b.unpack();
            }
            calls++;
        }
    }

    public int bucketCount() {
        return buckets.size();
    }

    /** Number of gradient values averaged per call. */
    public long elements() {
        return buckets.stream().mapToLong(b -> b.flat.numel()).sum();
    }

    /** Wall time spent inside the all-reduce calls so far, and the number of {@link #average()} calls. */
    public long allReduceNanos() {
        return allReduceNanos;
    }

    public long calls() {
        return calls;
    }

    public void resetTimer() {
        allReduceNanos = 0;
        calls = 0;
    }

    @Override
    public void close() {
        buckets.forEach(b -> b.flat.close());
    }

    /** A run of parameters sharing one flat float buffer. */
    private static final class Bucket {
        final List<Tensor> params;
        final long[] offsets;
        final Tensor flat;

        Bucket(List<Tensor> params) {
            this.params = params;
            this.offsets = new long[params.size() + 1];
            for (int i = 0; i < params.size(); i++) {
                offsets[i + 1] = offsets[i] + params.get(i).numel();
            }
            this.flat = zeros(new long[]{offsets[params.size()]}, params.get(0).options());
        }

        void pack() {
            for (int i = 0; i < params.size(); i++) {
                Tensor g = params.get(i).grad();
                Tensor slot = flat.narrow(0, offsets[i], offsets[i + 1] - offsets[i]);
                if (g.defined()) {
                    slot.copy_(g.reshape(-1));
                } else {
                    slot.zero_();
                }
            }
        }

        void unpack() {
            for (int i = 0; i < params.size(); i++) {
                Tensor g = params.get(i).grad();
                if (g.defined()) {
                    g.copy_(flat.narrow(0, offsets[i], offsets[i + 1] - offsets[i]).view_as(g));
                }
            }
        }
    }
}
