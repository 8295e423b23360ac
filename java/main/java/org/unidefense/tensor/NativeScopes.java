package org.unidefense.tensor;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

import java.util.function.Supplier;

/**
 * Frees a computation's intermediate tensors as soon as it returns. A Java {@link Tensor} handle
 * keeps its activation alive until its {@link PointerScope} closes, so one scope per training step
 * holds every activation of the whole forward pass at once (an eval batch of 32 UDR18 images at
 * 256² peaked at 11 GB that way). Running each block inside its own scope releases the block's
 * temporaries when it ends; the result moves to the enclosing scope. Autograd is unaffected: the
 * graph holds its own native references to what backward needs.
 */
public final class NativeScopes {
    private NativeScopes() {
    }

    /** Runs {@code body} in a fresh scope and hands its result to the enclosing scope (or to the caller). */
    public static Tensor scoped(Supplier<Tensor> body) {
        PointerScope outer = PointerScope.getInnerScope();
        try (PointerScope inner = new PointerScope()) {
            Tensor out = body.get();
            if (outer != null) {
                outer.attach(out);
            } else {
                out.retainReference();
            }
            return out;
        }
    }
}
