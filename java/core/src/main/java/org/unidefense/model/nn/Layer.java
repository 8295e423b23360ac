package org.unidefense.model.nn;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.profile.Trace;

import java.util.function.UnaryOperator;

/**
 * A module paired with its forward function, so native libtorch modules (whose forward is not
 * virtual from Java) and Java modules can sit in the same {@link IndexedSequential}.
 */
public record Layer(Module module, UnaryOperator<Tensor> function) {
    public Tensor forward(Tensor x) {
        // a sequence traces itself (it is also called directly, not only through a Layer)
        return Trace.on() && !(module instanceof IndexedSequential) ? Trace.module(module, x, function) : function.apply(x);
    }

    /** Wraps a Java module. */
    public static <M extends Module & UnaryModule> Layer of(M module) {
        return new Layer(module, module::forward);
    }
}
