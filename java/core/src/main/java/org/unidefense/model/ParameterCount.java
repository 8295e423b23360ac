package org.unidefense.model;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;

/**
 * Element counts of a module (recursively).
 *
 * @param parameters every parameter element
 * @param trainable  elements of parameters that require a gradient
 * @param buffers    buffer elements (running statistics, num_batches_tracked)
 */
public record ParameterCount(long parameters, long trainable, long buffers) {

    /** Parameters plus buffers: the size of the state dict. */
    public long total() {
        return parameters + buffers;
    }

    public static ParameterCount of(Module module) {
        long params = 0;
        long trainable = 0;
        StringTensorDict p = module.named_parameters(true);
        for (long i = 0; i < p.size(); i++) {
            Tensor t = new Tensor(p.get(i).value());
            if (t.defined()) {
                params += t.numel();
                trainable += t.requires_grad() ? t.numel() : 0;
            }
        }
        long buffers = 0;
        StringTensorDict b = module.named_buffers(true);
        for (long i = 0; i < b.size(); i++) {
            Tensor t = new Tensor(b.get(i).value());
            buffers += t.defined() ? t.numel() : 0;
        }
        return new ParameterCount(params, trainable, buffers);
    }
}
