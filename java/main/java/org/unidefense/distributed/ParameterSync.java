package org.unidefense.distributed;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * Makes every rank hold rank 0's values, as DDP does when it wraps a model (parameters and
 * buffers) and before each forward pass ({@code broadcast_buffers=True}: BatchNorm's running
 * statistics).
 */
public final class ParameterSync {
    private ParameterSync() {
    }

    /** Broadcasts every parameter and buffer of {@code module} from rank 0. */
    public static void broadcastFromRankZero(Module module, DistGroup group) {
        try (PointerScope ignored = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            broadcastAll(module.parameters(true), group);
            broadcastAll(module.buffers(true), group);
        }
    }

    /** Broadcasts the floating-point buffers (running statistics) from rank 0. */
    public static void broadcastBuffers(Module module, DistGroup group) {
        try (PointerScope ignored = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            TensorVector buffers = module.buffers(true);
            for (long i = 0; i < buffers.size(); i++) {
                Tensor b = buffers.get(i);
                // Step counters (num_batches_tracked) advance alike on every rank.
                if (b.is_floating_point()) {
                    group.broadcast(b, 0);
                }
            }
        }
    }

    private static void broadcastAll(TensorVector tensors, DistGroup group) {
        for (long i = 0; i < tensors.size(); i++) {
            group.broadcast(tensors.get(i), 0);
        }
    }
}
