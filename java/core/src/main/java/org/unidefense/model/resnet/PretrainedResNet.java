package org.unidefense.model.resnet;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.StateDictLoader;

import java.util.List;
import java.util.Map;

/**
 * Loads ImageNet ResNet weights (torchvision/timm key names: conv1, bn1, layerN.M..., fc) into
 * an extractor as the reference does: it loads the whole network non-strictly, tolerating only
 * the SFConv tensors as missing, and then keeps the stem and layers 1-3. So {@code layer4.*}
 * and {@code fc.*} are skipped, SFConv tensors keep their initial values, and a missing
 * {@code num_batches_tracked} (files from before PyTorch 0.4.1, like resnet18-5c106cde) is set
 * to 0 as BatchNorm does for such files.
 */
public final class PretrainedResNet {
    private PretrainedResNet() {
    }

    /** @return the extractor keys that the file did not provide (SFConv tensors, old-file counters) */
    public static List<String> loadInto(Module extractor, Map<String, Tensor> weights, String what) {
        List<String> notInFile = StateDictLoader.load(extractor, weights, what,
                PretrainedResNet::mayBeMissing, key -> key.startsWith("layer4.") || key.startsWith("fc."));
        Map<String, Tensor> own = org.unidefense.model.StateDicts.of(extractor);
        try (NoGradGuard g = new NoGradGuard()) {
            for (String key : notInFile) {
                if (key.endsWith(".num_batches_tracked")) {
                    own.get(key).zero_();
                }
            }
        }
        return notInFile;
    }

    private static boolean mayBeMissing(String key) {
        return key.endsWith(".sf_coef") || key.endsWith(".freq_conv.weight") || key.endsWith(".num_batches_tracked");
    }
}
