package org.unidefense.distributed;

import org.bytedeco.pytorch.Module;
import org.unidefense.train.StepObserver;

/**
 * Data parallelism for the two-pass step, as a {@link StepObserver}: after each backward the
 * gradients are averaged over the ranks, and rank 0's BatchNorm running statistics are copied to
 * the others before the next forward (DDP's {@code broadcast_buffers}).
 *
 * <p>Why averaging the whole {@code .grad} after the second backward is exact: after the first
 * backward the gradients are averaged, so the pass-1 gradient ḡ₁ is the same on every rank; the
 * step scales it by the carry c and pass 2 adds each rank's own g₂ʳ. The mean over ranks of
 * c·ḡ₁ + g₂ʳ is c·ḡ₁ + ḡ₂: the carried part is unchanged and pass 2's contribution is averaged,
 * which is what a single process on the union of the batches would hold.
 */
public final class DataParallel implements StepObserver {
    private final Module model;
    private final DistGroup group;
    private final GradientBuckets gradients;
    private final StepObserver next;

    /**
     * @param next an observer to call after the averaging (e.g. a gradient logger), or null
     */
    public DataParallel(Module model, DistGroup group, long bucketBytes, StepObserver next) {
        this.model = model;
        this.group = group;
        this.gradients = new GradientBuckets(model, group, bucketBytes);
        this.next = next == null ? StepObserver.NONE : next;
    }

    public GradientBuckets gradients() {
        return gradients;
    }

    @Override
    public void afterFirstBackward() {
        gradients.average();
        ParameterSync.broadcastBuffers(model, group);
        next.afterFirstBackward();
    }

    @Override
    public void afterFirstUpdate() {
        next.afterFirstUpdate();
    }

    @Override
    public void afterSecondBackward() {
        gradients.average();
        ParameterSync.broadcastBuffers(model, group);
        next.afterSecondBackward();
    }
}
