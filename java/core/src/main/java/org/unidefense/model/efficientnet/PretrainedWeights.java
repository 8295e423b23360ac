package org.unidefense.model.efficientnet;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.StateDictLoader;

import java.util.List;
import java.util.Map;

/**
 * Loads an ImageNet EfficientNet checkpoint (lukemelas' key names, e.g.
 * {@code adv-efficientnet-b4-44fb3a87.pth}) into a backbone the way the reference does with
 * {@code include_top=False}: the classification top {@code _fc.*} is ignored, the SFConv
 * parameters the checkpoint cannot have ({@code sf_coef}, {@code freq_conv.*}) keep their
 * initial values, and every other key must be present with the right shape. Unknown keys are
 * errors (the reference asserts there are none).
 */
public final class PretrainedWeights {
    private PretrainedWeights() {
    }

    /**
     * @param source the checkpoint's tensors by key
     * @param what   names the checkpoint in error messages (e.g. its file name)
     * @return the backbone keys left at their initial values (the SFConv-only ones)
     */
    public static List<String> load(EfficientNetBackbone backbone, Map<String, Tensor> source, String what) {
        return StateDictLoader.load(backbone, source, what + " (EfficientNet backbone planned for image size "
                + backbone.params().imageSize() + ")", PretrainedWeights::isSpatialFrequencyOnly,
                key -> key.startsWith("_fc."));
    }

    /** The reference's check_for_sfconv_params: keys only an SFConv has. */
    static boolean isSpatialFrequencyOnly(String key) {
        return key.contains("sf_coef") || key.contains("freq_conv");
    }
}
