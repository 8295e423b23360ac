package org.unidefense.tensor;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.unidefense.config.MemoryFormat;

import static org.bytedeco.pytorch.global.torch.MemoryFormat.ChannelsLast;
import static org.bytedeco.pytorch.global.torch.MemoryFormat.Contiguous;

/**
 * Puts a module's 4-D parameters and buffers (convolution weights) into a memory format. oneDNN
 * picks channels-last convolutions when the weight is channels-last, so the activations follow
 * without touching the forward code: each convolution's output keeps its input's layout, and
 * the network's input is reordered once by the first convolution. Parameters keep their
 * identity ({@code set_data}), so optimizers and state-dict loading see the same tensors;
 * values are unchanged, only strides.
 */
public final class MemoryLayouts {
    private MemoryLayouts() {
    }

    public static void apply(Module module, MemoryFormat format) {
        try (PointerScope scope = new PointerScope()) {
            convert(module.parameters(), format);
            convert(module.buffers(), format);
        }
    }

    private static void convert(TensorVector tensors, MemoryFormat format) {
        for (long i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (t.dim() == 4 && !t.is_contiguous(libtorch(format))) {
                t.set_data(t.contiguous(libtorch(format)));
            }
        }
    }

    static org.bytedeco.pytorch.global.torch.MemoryFormat libtorch(MemoryFormat format) {
        return format == MemoryFormat.CHANNELS_LAST ? ChannelsLast : Contiguous;
    }
}
