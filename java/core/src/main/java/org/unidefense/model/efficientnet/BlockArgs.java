package org.unidefense.model.efficientnet;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of one EfficientNet stage (a run of {@link MBConvBlock}s), as written in the
 * TensorFlow block-string notation, for example {@code r2_k5_s22_e6_i24_o40_se0.25}.
 *
 * @param numRepeat     how many blocks the stage has
 * @param kernelSize    depthwise kernel size
 * @param stride        stride of the stage's first block (the others use 1)
 * @param expandRatio   channel expansion of the inverted bottleneck (1 = no expansion conv)
 * @param inputFilters  input channels
 * @param outputFilters output channels
 * @param seRatio       squeeze-excitation ratio relative to the input channels, or 0 for none
 * @param idSkip        whether the residual connection is allowed
 */
public record BlockArgs(int numRepeat, int kernelSize, int stride, int expandRatio,
                        int inputFilters, int outputFilters, double seRatio, boolean idSkip) {

    private static final Pattern OPTION = Pattern.compile("([a-z]+)(\\d.*)");

    /** Decodes one block string; the stride must be square ("s22" or "s2"). */
    public static BlockArgs parse(String blockString) {
        Map<String, String> options = new HashMap<>();
        for (String op : blockString.split("_")) {
            Matcher m = OPTION.matcher(op);
            if (m.matches()) {
                options.put(m.group(1), m.group(2));
            }
        }
        String s = require(options, "s", blockString);
        if (!(s.length() == 1 || (s.length() == 2 && s.charAt(0) == s.charAt(1)))) {
            throw new IllegalArgumentException("non-square stride in block string " + blockString);
        }
        return new BlockArgs(
                Integer.parseInt(require(options, "r", blockString)),
                Integer.parseInt(require(options, "k", blockString)),
                Character.digit(s.charAt(0), 10),
                Integer.parseInt(require(options, "e", blockString)),
                Integer.parseInt(require(options, "i", blockString)),
                Integer.parseInt(require(options, "o", blockString)),
                options.containsKey("se") ? Double.parseDouble(options.get("se")) : 0.0,
                !blockString.contains("noskip"));
    }

    public boolean hasSqueezeExcitation() {
        return seRatio > 0 && seRatio <= 1;
    }

    /** Channels after the expansion conv (= input channels when there is none). */
    public int expandedFilters() {
        return inputFilters * expandRatio;
    }

    /** Channels of the squeeze-excitation bottleneck (at least 1). */
    public int squeezedFilters() {
        return Math.max(1, (int) (inputFilters * seRatio));
    }

    /** Residual connection: only when allowed and the block keeps both resolution and width. */
    public boolean hasResidual() {
        return idSkip && stride == 1 && inputFilters == outputFilters;
    }

    /** This stage with its channel counts and repeat count scaled to a model size. */
    public BlockArgs scaledBy(GlobalParams params) {
        return new BlockArgs(params.roundRepeats(numRepeat), kernelSize, stride, expandRatio,
                params.roundFilters(inputFilters), params.roundFilters(outputFilters), seRatio, idSkip);
    }

    /** The arguments of the stage's 2nd..n-th blocks: they take the stage output and keep the size. */
    public BlockArgs repeated() {
        return new BlockArgs(numRepeat, kernelSize, 1, expandRatio, outputFilters, outputFilters, seRatio, idSkip);
    }

    private static String require(Map<String, String> options, String key, String blockString) {
        String v = options.get(key);
        if (v == null) {
            throw new IllegalArgumentException("block string " + blockString + " has no '" + key + "' option");
        }
        return v;
    }
}
