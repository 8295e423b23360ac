package org.unidefense.model.efficientnet;

import org.unidefense.tensor.FftNorm;

import java.util.List;
import java.util.Map;

/**
 * Model-wide EfficientNet settings: the compound scaling coefficients of one variant, the image
 * size the static "SAME" paddings are computed for, and the batch-norm and regularisation settings.
 *
 * @param widthCoefficient  channel multiplier
 * @param depthCoefficient  repeat multiplier
 * @param imageSize         input size the static paddings are planned for (not the actual input)
 * @param dropoutRate       classifier dropout (unused without a top, kept for completeness)
 * @param batchNormMomentum PyTorch-convention momentum (TF's 0.99 decay is 0.01 here)
 * @param batchNormEpsilon  BN epsilon
 * @param dropConnectRate   stochastic-depth rate of the last block; block i uses rate * i / blocks
 * @param depthDivisor      channel counts are rounded to a multiple of this
 * @param minDepth          lower bound of a rounded channel count, or 0 for {@code depthDivisor}
 * @param freqNorm          FFT norm of the SFConv depthwise convs, or null for plain depthwise convs
 * @param inChannels        input channels of the stem conv (the reference's {@code in_channels}, 3 for RGB)
 */
public record GlobalParams(double widthCoefficient, double depthCoefficient, int imageSize,
                           double dropoutRate, double batchNormMomentum, double batchNormEpsilon,
                           double dropConnectRate, int depthDivisor, int minDepth, FftNorm freqNorm,
                           int inChannels) {

    /** The stage table of EfficientNet-B0; bigger variants scale it with their coefficients. */
    public static final List<String> B0_BLOCKS = List.of(
            "r1_k3_s11_e1_i32_o16_se0.25",
            "r2_k3_s22_e6_i16_o24_se0.25",
            "r2_k5_s22_e6_i24_o40_se0.25",
            "r3_k3_s22_e6_i40_o80_se0.25",
            "r3_k5_s11_e6_i80_o112_se0.25",
            "r4_k5_s22_e6_i112_o192_se0.25",
            "r1_k3_s11_e6_i192_o320_se0.25");

    /** width, depth, native resolution, dropout of each published variant. */
    private static final Map<String, double[]> VARIANTS = Map.of(
            "efficientnet-b0", new double[]{1.0, 1.0, 224, 0.2},
            "efficientnet-b1", new double[]{1.0, 1.1, 240, 0.2},
            "efficientnet-b2", new double[]{1.1, 1.2, 260, 0.3},
            "efficientnet-b3", new double[]{1.2, 1.4, 300, 0.3},
            "efficientnet-b4", new double[]{1.4, 1.8, 380, 0.4},
            "efficientnet-b5", new double[]{1.6, 2.2, 456, 0.4},
            "efficientnet-b6", new double[]{1.8, 2.6, 528, 0.5},
            "efficientnet-b7", new double[]{2.0, 3.1, 600, 0.5},
            "efficientnet-b8", new double[]{2.2, 3.6, 672, 0.5},
            "efficientnet-l2", new double[]{4.3, 5.3, 800, 0.5});

    /** The settings of a named variant at its native resolution, with plain depthwise convs. */
    public static GlobalParams of(String modelName) {
        double[] v = VARIANTS.get(modelName);
        if (v == null) {
            throw new IllegalArgumentException("unknown EfficientNet variant '" + modelName
                    + "', expected one of " + new java.util.TreeSet<>(VARIANTS.keySet()));
        }
        // the reference's defaults for every variant: TF momentum 0.99 (0.01 here), epsilon 1e-3,
        // drop-connect rate 0.2, channel divisor 8, no minimum depth, RGB input
        return new GlobalParams(v[0], v[1], (int) v[2], v[3], 0.01, 1e-3, 0.2, 8, 0, null, 3);
    }

    public GlobalParams withImageSize(int size) {
        return new GlobalParams(widthCoefficient, depthCoefficient, size, dropoutRate, batchNormMomentum,
                batchNormEpsilon, dropConnectRate, depthDivisor, minDepth, freqNorm, inChannels);
    }

    public GlobalParams withDropoutRate(double rate) {
        return new GlobalParams(widthCoefficient, depthCoefficient, imageSize, rate, batchNormMomentum,
                batchNormEpsilon, dropConnectRate, depthDivisor, minDepth, freqNorm, inChannels);
    }

    public GlobalParams withFreqNorm(FftNorm norm) {
        return new GlobalParams(widthCoefficient, depthCoefficient, imageSize, dropoutRate, batchNormMomentum,
                batchNormEpsilon, dropConnectRate, depthDivisor, minDepth, norm, inChannels);
    }

    public GlobalParams withDropConnectRate(double rate) {
        return new GlobalParams(widthCoefficient, depthCoefficient, imageSize, dropoutRate, batchNormMomentum,
                batchNormEpsilon, rate, depthDivisor, minDepth, freqNorm, inChannels);
    }

    /**
     * The reference's {@code GlobalParams._replace(**override_params)} for the keys of
     * {@code ModelConfig.EFFICIENTNET_OVERRIDES}, by their YAML names and in the reference's
     * conventions: {@code batch_norm_momentum} is TensorFlow's decay (0.99), stored here as
     * PyTorch's momentum 1 - decay, as the reference converts it when it builds its norms.
     */
    public GlobalParams withOverrides(Map<String, ?> overrides) {
        GlobalParams p = this;
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            if (!(e.getValue() instanceof Number n)) {
                throw new IllegalArgumentException("EfficientNet parameter " + e.getKey() + " must be a number, got "
                        + e.getValue());
            }
            double v = n.doubleValue();
            p = switch (e.getKey()) {
                case "width_coefficient" -> new GlobalParams(v, p.depthCoefficient, p.imageSize, p.dropoutRate,
                        p.batchNormMomentum, p.batchNormEpsilon, p.dropConnectRate, p.depthDivisor, p.minDepth,
                        p.freqNorm, p.inChannels);
                case "depth_coefficient" -> new GlobalParams(p.widthCoefficient, v, p.imageSize, p.dropoutRate,
                        p.batchNormMomentum, p.batchNormEpsilon, p.dropConnectRate, p.depthDivisor, p.minDepth,
                        p.freqNorm, p.inChannels);
                case "batch_norm_momentum" -> new GlobalParams(p.widthCoefficient, p.depthCoefficient, p.imageSize,
                        p.dropoutRate, 1 - v, p.batchNormEpsilon, p.dropConnectRate, p.depthDivisor, p.minDepth,
                        p.freqNorm, p.inChannels);
                case "batch_norm_epsilon" -> new GlobalParams(p.widthCoefficient, p.depthCoefficient, p.imageSize,
                        p.dropoutRate, p.batchNormMomentum, v, p.dropConnectRate, p.depthDivisor, p.minDepth,
                        p.freqNorm, p.inChannels);
                case "depth_divisor" -> new GlobalParams(p.widthCoefficient, p.depthCoefficient, p.imageSize,
                        p.dropoutRate, p.batchNormMomentum, p.batchNormEpsilon, p.dropConnectRate, whole(e), p.minDepth,
                        p.freqNorm, p.inChannels);
                case "min_depth" -> new GlobalParams(p.widthCoefficient, p.depthCoefficient, p.imageSize,
                        p.dropoutRate, p.batchNormMomentum, p.batchNormEpsilon, p.dropConnectRate, p.depthDivisor,
                        whole(e), p.freqNorm, p.inChannels);
                case "in_channels" -> new GlobalParams(p.widthCoefficient, p.depthCoefficient, p.imageSize,
                        p.dropoutRate, p.batchNormMomentum, p.batchNormEpsilon, p.dropConnectRate, p.depthDivisor,
                        p.minDepth, p.freqNorm, whole(e));
                default -> throw new IllegalArgumentException("EfficientNet has no global parameter '" + e.getKey()
                        + "'");
            };
        }
        return p;
    }

    private static int whole(Map.Entry<String, ?> e) {
        double v = ((Number) e.getValue()).doubleValue();
        if (v != Math.rint(v) || v < 0) {
            throw new IllegalArgumentException("EfficientNet parameter " + e.getKey()
                    + " must be a non-negative whole number, got " + e.getValue());
        }
        return (int) v;
    }

    /**
     * Scales a channel count by the width coefficient and rounds it to the nearest multiple of
     * {@code depthDivisor}, never more than 10 % below the scaled value (TF's rule).
     */
    public int roundFilters(int filters) {
        if (widthCoefficient == 0) {
            return filters;
        }
        double scaled = filters * widthCoefficient;
        int lowest = minDepth > 0 ? minDepth : depthDivisor;
        int rounded = Math.max(lowest, (int) (scaled + depthDivisor / 2.0) / depthDivisor * depthDivisor);
        if (rounded < 0.9 * scaled) {
            rounded += depthDivisor;
        }
        return rounded;
    }

    /** Scales a repeat count by the depth coefficient, rounding up. */
    public int roundRepeats(int repeats) {
        if (depthCoefficient == 0) {
            return repeats;
        }
        return (int) Math.ceil(depthCoefficient * repeats);
    }
}
