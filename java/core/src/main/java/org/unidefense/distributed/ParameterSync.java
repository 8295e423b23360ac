package org.unidefense.distributed;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.cat;

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

    /** Broadcasts the floating-point buffers (running statistics) from rank 0, packed into one message. */
    public static void broadcastBuffers(Module module, DistGroup group) {
        try (PointerScope ignored = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
            TensorVector buffers = module.buffers(true);
            List<Tensor> floats = new ArrayList<>();
            for (long i = 0; i < buffers.size(); i++) {
                Tensor b = buffers.get(i);
                // Step counters (num_batches_tracked) advance alike on every rank.
                if (b.is_floating_point()) {
                    floats.add(b);
                }
            }
            if (floats.isEmpty()) {
                return;
            }
            TensorVector flat = new TensorVector();
            for (Tensor b : floats) {
                flat.push_back(b.reshape(-1));
            }
            Tensor packed = cat(flat, 0);
            group.broadcast(packed, 0);
            long offset = 0;
            for (Tensor b : floats) {
                long n = b.numel();
                b.copy_(packed.narrow(0, offset, n).view_as(b));
                offset += n;
            }
        }
    }

    private static void broadcastAll(TensorVector tensors, DistGroup group) {
        for (long i = 0; i < tensors.size(); i++) {
            group.broadcast(tensors.get(i), 0);
        }
    }
}
