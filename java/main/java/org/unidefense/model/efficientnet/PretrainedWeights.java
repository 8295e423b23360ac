package org.unidefense.model.efficientnet;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.UserInputException;
import org.unidefense.tensor.Tensors;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
    private static final int MAX_LISTED = 10;

    private PretrainedWeights() {
    }

    /**
     * @param source the checkpoint's tensors by key
     * @param what   names the checkpoint in error messages (e.g. its file name)
     * @return the backbone keys left at their initial values (the SFConv-only ones)
     */
    public static List<String> load(EfficientNetBackbone backbone, Map<String, Tensor> source, String what) {
        Map<String, Tensor> target = tensorsByName(backbone);
        List<String> missing = new ArrayList<>();
        List<String> keptInitial = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : target.entrySet()) {
            Tensor src = source.get(e.getKey());
            if (src == null) {
                (isSpatialFrequencyOnly(e.getKey()) ? keptInitial : missing).add(e.getKey());
            } else if (!Arrays.equals(Tensors.shape(src), Tensors.shape(e.getValue()))) {
                mismatched.add(e.getKey() + " " + Arrays.toString(Tensors.shape(src)) + " (expected "
                        + Arrays.toString(Tensors.shape(e.getValue())) + ")");
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String key : source.keySet()) {
            if (!target.containsKey(key) && !key.startsWith("_fc.")) {
                unexpected.add(key);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !mismatched.isEmpty()) {
            StringBuilder m = new StringBuilder(what + " does not fit the EfficientNet backbone (image size "
                    + backbone.params().imageSize() + "):");
            list(m, "missing keys", missing);
            list(m, "unexpected keys", unexpected);
            list(m, "shape mismatches", mismatched);
            throw new UserInputException(m.toString());
        }
        try (NoGradGuard g = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : target.entrySet()) {
                Tensor src = source.get(e.getKey());
                if (src != null) {
                    e.getValue().copy_(src);
                }
            }
        }
        return keptInitial;
    }

    private static Map<String, Tensor> tensorsByName(EfficientNetBackbone backbone) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (StringTensorDict dict : List.of(backbone.named_parameters(true), backbone.named_buffers(true))) {
            for (long i = 0; i < dict.size(); i++) {
                Tensor t = new Tensor(dict.get(i).value()); // own handle: the dict is temporary
                if (t.defined()) {
                    out.put(dict.get(i).key().getString(), t);
                }
            }
        }
        return out;
    }

    /** The reference's check_for_sfconv_params: keys only an SFConv has. */
    static boolean isSpatialFrequencyOnly(String key) {
        return key.contains("sf_coef") || key.contains("freq_conv");
    }

    private static void list(StringBuilder m, String title, List<String> items) {
        if (!items.isEmpty()) {
            m.append("\n  ").append(items.size()).append(' ').append(title).append(": ")
                    .append(String.join(", ", items.subList(0, Math.min(MAX_LISTED, items.size()))));
            if (items.size() > MAX_LISTED) {
                m.append(", ...");
            }
        }
    }
}
