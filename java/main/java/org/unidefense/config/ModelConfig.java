package org.unidefense.config;

import java.util.List;
import java.util.Map;

/**
 * The {@code model:} block: which network to build and its constructor arguments. Defaults are
 * those of the reference constructors (keys absent from the file are filled in here).
 *
 * @param name             {@code model.name} as written (e.g. {@code UDEB4})
 * @param arch             the variant that name selects
 * @param extractor        {@code model.extractor}: backbone name, e.g. {@code efficientnet-b4}, {@code resnet18}
 *                         (required for UDEB4; defaults resnet18 / resnet50)
 * @param extractorWeights {@code model.extractor_weights}: path of ImageNet backbone weights, null = none
 * @param numClasses       {@code model.num_classes} (default 1 for UDEB4 and Recce, 2 otherwise)
 * @param dropRate         {@code model.drop_rate}: dropout before the classifier (default 0.2)
 * @param midDepth         {@code model.mid_depth}: embedder width (ResNet only; default 448 / 1024; null for UDEB4)
 * @param bias             {@code model.bias}: conv biases in the decoder/embedder (default false)
 * @param affine           {@code model.affine}: affine norm layers (default true)
 * @param freqNorm         {@code model.freq_norm}: FFT normalisation (default {@code ortho})
 * @param delimiter        {@code model.delimiter}: EfficientNet block indices that end each stage (UDEB4 only;
 *                         null = the extractor's built-in table)
 * @param imageSize        {@code model.image_size}: the size EfficientNet's "same" padding is computed for
 *                         (UDEB4 only; default the extractor's native size, 380 for efficientnet-b4; null for ResNet)
 * @param dropConnectRate  {@code model.drop_connect_rate}: stochastic depth rate (UDEB4 only; default 0.2)
 * @param efficientNetOverrides further EfficientNet global parameters passed through as given
 *                         ({@code width_coefficient}, {@code depth_coefficient}, {@code batch_norm_momentum},
 *                         {@code batch_norm_epsilon}, {@code depth_divisor}, {@code min_depth}, {@code in_channels})
 */
public record ModelConfig(
        String name,
        ModelArch arch,
        String extractor,
        String extractorWeights,
        int numClasses,
        double dropRate,
        Integer midDepth,
        boolean bias,
        boolean affine,
        String freqNorm,
        List<Integer> delimiter,
        Integer imageSize,
        Double dropConnectRate,
        Map<String, Object> efficientNetOverrides) {

    static final List<String> FREQ_NORMS = List.of("ortho", "backward", "forward");
    static final List<String> EFFICIENTNET_OVERRIDES = List.of("width_coefficient", "depth_coefficient",
            "batch_norm_momentum", "batch_norm_epsilon", "depth_divisor", "min_depth", "in_channels");

    /** Native input sizes of the EfficientNet family (efficientnet_params in the original implementation). */
    static Integer nativeImageSize(String extractor) {
        return switch (extractor) {
            case "efficientnet-b0" -> 224;
            case "efficientnet-b1" -> 240;
            case "efficientnet-b2" -> 260;
            case "efficientnet-b3" -> 300;
            case "efficientnet-b4" -> 380;
            case "efficientnet-b5" -> 456;
            case "efficientnet-b6" -> 528;
            case "efficientnet-b7" -> 600;
            case "efficientnet-b8" -> 672;
            case "efficientnet-l2" -> 800;
            default -> null;
        };
    }

    static ModelConfig read(Section s) {
        String name = s.requiredString("name");
        ModelArch arch = ModelArch.lookup(name).orElseThrow(() -> s.invalid("name",
                "unknown model \"" + name + "\"; expected one of " + ModelArch.acceptedNames()
                        + DidYouMean.suggest(name, ModelArch.acceptedNames()).map(x -> " (did you mean '" + x + "'?)")
                        .orElse("")));
        String extractor = arch.defaultExtractor() == null ? s.requiredString("extractor")
                : s.string("extractor", arch.defaultExtractor());
        String weights = s.string("extractor_weights", null);
        int numClasses = s.integer("num_classes", arch.defaultNumClasses());
        if (numClasses < 1) {
            throw s.invalid("num_classes", "expected at least 1, found " + numClasses);
        }
        double dropRate = s.number("drop_rate", 0.2);
        if (dropRate < 0 || dropRate >= 1) {
            throw s.invalid("drop_rate", "expected a probability in [0, 1), found " + dropRate);
        }
        if (arch.isRecce()) {
            // RECCE's constructor takes num_classes and drop_rate only; its encoder is always Xception
            if (!extractor.equals(arch.defaultExtractor())) {
                throw s.invalid("extractor", "Recce's encoder is timm's legacy xception, found \"" + extractor + "\"");
            }
            s.finish();
            return new ModelConfig(name, arch, extractor, weights, numClasses, dropRate, null, false, true, "ortho",
                    null, null, null, Map.of());
        }
        boolean bias = s.bool("bias", false);
        boolean affine = s.bool("affine", true);
        String freqNorm = s.choice("freq_norm", "ortho", FREQ_NORMS);

        Integer midDepth = null;
        List<Integer> delimiter = null;
        Integer imageSize = null;
        Double dropConnect = null;
        Map<String, Object> overrides = Map.of();
        if (arch.isEfficientNet()) {
            if (nativeImageSize(extractor) == null) {
                throw s.invalid("extractor", "UDEB4 needs an EfficientNet backbone (efficientnet-b0 .. b8 or "
                        + "efficientnet-l2), found \"" + extractor + "\"");
            }
            delimiter = s.optionalIntegerList("delimiter");
            Integer size = s.optionalPositive("image_size");
            imageSize = size != null ? size : nativeImageSize(extractor);
            dropConnect = s.number("drop_connect_rate", 0.2);
            s.know(EFFICIENTNET_OVERRIDES.toArray(String[]::new));
            java.util.LinkedHashMap<String, Object> o = new java.util.LinkedHashMap<>();
            for (String k : EFFICIENTNET_OVERRIDES) {
                YamlNode n = s.node(k);
                if (n != null) {
                    if (!(n instanceof YamlNode.Scalar sc && sc.value() instanceof Number)) {
                        throw s.wrongType(n, "a number");
                    }
                    o.put(k, sc.value());
                }
            }
            overrides = java.util.Collections.unmodifiableMap(o);
        } else {
            midDepth = s.optionalPositive("mid_depth");
            if (midDepth == null) {
                midDepth = arch.defaultMidDepth();
            }
        }
        s.finish();
        return new ModelConfig(name, arch, extractor, weights, numClasses, dropRate, midDepth, bias, affine, freqNorm,
                delimiter, imageSize, dropConnect, overrides);
    }
}
