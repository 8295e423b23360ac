package org.unidefense.model.nn;

import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.profile.Trace;

/** The reference's Classifier: a single linear layer {@code fc}, weights N(0, 0.01), bias 0. */
public class Classifier extends Module implements UnaryModule {
    private final LinearImpl fc;

    public Classifier(long depth, long numClasses) {
        super("Classifier");
        this.fc = register_module("fc", new LinearImpl(depth, numClasses));
        try (NoGradGuard g = new NoGradGuard()) {
            fc.weight().normal_(0.0, 0.01, new org.bytedeco.pytorch.GeneratorOptional());
            fc.bias().zero_();
        }
    }

    public LinearImpl fc() {
        return fc;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Trace.module(fc, x, fc::forward);
    }
}
