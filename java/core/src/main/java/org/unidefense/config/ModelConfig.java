package org.unidefense.config;

import org.unidefense.UserInputException;

import java.util.List;
import java.util.Map;

/**
 * The {@code model:} block: which network to build and every constructor argument the reference
 * accepts (it passes the whole block to the constructor as {@code **kwargs}). Absent keys take the
 * defaults of {@link ModelArch}; the EfficientNet ones that depend on the variant stay null and
 * mean "the variant's own value". {@code model.ModelRegistry} builds the network from this record.
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
 * @param delimiter        {@code model.delimiter}: EfficientNet block indices that end each of the 7 block
 *                         groups (UDEB4 only; null = the extractor's stage ends, [2, 6, 10, 16, 22, 30, 32] for B4)
 * @param imageSize        {@code model.image_size}: the size EfficientNet's "same" padding is computed for
 *                         (UDEB4 only; null = the extractor's native size, 380 for efficientnet-b4)
 * @param dropConnectRate  {@code model.drop_connect_rate}: stochastic depth rate of the last block (UDEB4 only;
 *                         null = EfficientNet's 0.2)
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
    /**
     * The EfficientNet global parameters the reference's {@code **kwargs} reach
     * ({@code GlobalParams._replace}); {@code image_size} and {@code drop_connect_rate} have their
     * own components. Values keep the reference's conventions (TF-style {@code batch_norm_momentum}).
     */
    public static final List<String> EFFICIENTNET_OVERRIDES = List.of("width_coefficient", "depth_coefficient",
            "batch_norm_momentum", "batch_norm_epsilon", "depth_divisor", "min_depth", "in_channels");

    /**
     * The constructor defaults of {@code arch} (as a {@code model:} block naming only the
     * architecture would give, with UDEB4's {@code efficientnet-b4}); for the Java API and tests.
     */
    public static ModelConfig defaults(ModelArch arch) {
        return new ModelConfig(arch.name(), arch, arch.defaultExtractor(), null, arch.defaultNumClasses(), 0.2,
                arch.defaultMidDepth(), false, true, "ortho", null, null, null, Map.of());
    }

    /** {@link #defaults(ModelArch)} by name (case-insensitive, reference class names accepted). */
    public static ModelConfig defaults(String name) {
        return defaults(ModelArch.lookup(name).orElseThrow(() -> new UserInputException("unknown model name '" + name
                + "': expected one of " + ModelArch.acceptedNames())));
    }

    public ModelConfig withNumClasses(int n) {
        return new ModelConfig(name, arch, extractor, extractorWeights, n, dropRate, midDepth, bias, affine, freqNorm,
                delimiter, imageSize, dropConnectRate, efficientNetOverrides);
    }

    public ModelConfig withDropRate(double p) {
        return new ModelConfig(name, arch, extractor, extractorWeights, numClasses, p, midDepth, bias, affine, freqNorm,
                delimiter, imageSize, dropConnectRate, efficientNetOverrides);
    }

    public ModelConfig withExtractor(String e) {
        return new ModelConfig(name, arch, e, extractorWeights, numClasses, dropRate, midDepth, bias, affine, freqNorm,
                delimiter, imageSize, dropConnectRate, efficientNetOverrides);
    }

    public ModelConfig withMidDepth(Integer d) {
        return new ModelConfig(name, arch, extractor, extractorWeights, numClasses, dropRate, d, bias, affine, freqNorm,
                delimiter, imageSize, dropConnectRate, efficientNetOverrides);
    }

    /** @param norm {@code ortho}, {@code backward}, {@code forward}, or null (UDEB4: plain depthwise convs) */
    public ModelConfig withFreqNorm(String norm) {
        return new ModelConfig(name, arch, extractor, extractorWeights, numClasses, dropRate, midDepth, bias, affine,
                norm, delimiter, imageSize, dropConnectRate, efficientNetOverrides);
    }

    public ModelConfig withImageSize(Integer size) {
        return new ModelConfig(name, arch, extractor, extractorWeights, numClasses, dropRate, midDepth, bias, affine,
                freqNorm, delimiter, size, dropConnectRate, efficientNetOverrides);
    }

    public ModelConfig withDelimiter(List<Integer> d) {
        return new ModelConfig(name, arch, extractor, extractorWeights, numClasses, dropRate, midDepth, bias, affine,
                freqNorm, d, imageSize, dropConnectRate, efficientNetOverrides);
    }

    /**
     * The block as plain values with the YAML key names (unset optional keys left out): what
     * {@code config show} prints, a run's {@code config.yaml} holds and a checkpoint stores as the
     * dict Python could pass to the reference's constructor as {@code **model_cfg}.
     */
    public Map<String, Object> toPlain() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("name", name);
        putIfSet(m, "extractor", extractor);
        putIfSet(m, "extractor_weights", extractorWeights);
        m.put("num_classes", numClasses);
        m.put("drop_rate", dropRate);
        if (arch.isRecce()) {
            return m;
        }
        putIfSet(m, "mid_depth", midDepth);
        m.put("bias", bias);
        m.put("affine", affine);
        putIfSet(m, "freq_norm", freqNorm);
        putIfSet(m, "delimiter", delimiter);
        putIfSet(m, "image_size", imageSize);
        putIfSet(m, "drop_connect_rate", dropConnectRate);
        if (efficientNetOverrides != null) {
            m.putAll(efficientNetOverrides);
        }
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /**
     * A {@code model:} block stored as plain values (a checkpoint's {@code model_config}, the
     * {@code model} group of a run's saved {@code config.yaml}, a reference {@code .config}) read
     * exactly as the YAML block would be; {@code where} names the source in messages. The
     * ImageNet weights path is left out: a stored model brings its own weights.
     */
    public static ModelConfig fromStored(Map<String, ?> values, String where) {
        Section s = new Section((YamlNode.Mapping) YamlNode.fromPlain(java.nio.file.Path.of(where), "model", values),
                new ConfigWarnings());
        ModelConfig m = read(s);
        return new ModelConfig(m.name, m.arch, m.extractor, null, m.numClasses, m.dropRate, m.midDepth, m.bias,
                m.affine, m.freqNorm, m.delimiter, m.imageSize, m.dropConnectRate, m.efficientNetOverrides);
    }

    static ModelConfig read(Section s) {
        String name = s.requiredString("name");
        ModelArch arch = ModelArch.lookup(name).orElseThrow(() -> s.invalid("name",
                "unknown model \"" + name + "\"; expected one of " + ModelArch.acceptedNames()
                        + DidYouMean.suggest(name, ModelArch.acceptedNames()).map(x -> " (did you mean '" + x + "'?)")
                        .orElse("")));
        ModelConfig d = defaults(arch);
        String extractor = arch.extractorRequired() ? s.requiredString("extractor")
                : s.string("extractor", d.extractor());
        String weights = s.string("extractor_weights", null);
        int numClasses = s.integer("num_classes", d.numClasses());
        if (numClasses < 1) {
            throw s.invalid("num_classes", "expected at least 1, found " + numClasses);
        }
        double dropRate = s.number("drop_rate", d.dropRate());
        if (dropRate < 0 || dropRate >= 1) {
            throw s.invalid("drop_rate", "expected a probability in [0, 1), found " + dropRate);
        }
        if (arch.isRecce()) {
            // RECCE's constructor takes num_classes and drop_rate only; its encoder is always Xception
            if (!extractor.equals(arch.defaultExtractor())) {
                throw s.invalid("extractor", "Recce's encoder is timm's legacy xception, found \"" + extractor + "\"");
            }
            s.finish();
            return new ModelConfig(name, arch, extractor, weights, numClasses, dropRate, null, d.bias(), d.affine(),
                    d.freqNorm(), null, null, null, Map.of());
        }
        boolean bias = s.bool("bias", d.bias());
        boolean affine = s.bool("affine", d.affine());
        String freqNorm = s.choice("freq_norm", d.freqNorm(), FREQ_NORMS);

        Integer midDepth = null;
        List<Integer> delimiter = null;
        Integer imageSize = null;
        Double dropConnect = null;
        Map<String, Object> overrides = Map.of();
        if (arch.isEfficientNet()) {
            // which variants exist is the model's table (GlobalParams); an unknown one fails when it is built
            if (!extractor.startsWith("efficientnet-")) {
                throw s.invalid("extractor", "UDEB4 needs an EfficientNet backbone (efficientnet-b0 .. b8 or "
                        + "efficientnet-l2), found \"" + extractor + "\"");
            }
            delimiter = s.optionalIntegerList("delimiter");
            imageSize = s.optionalPositive("image_size");
            dropConnect = s.optionalNumber("drop_connect_rate");
            if (dropConnect != null && (dropConnect < 0 || dropConnect > 1)) {
                throw s.invalid("drop_connect_rate", "expected a probability in [0, 1], found " + dropConnect);
            }
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
                midDepth = d.midDepth();
            }
        }
        s.finish();
        return new ModelConfig(name, arch, extractor, weights, numClasses, dropRate, midDepth, bias, affine, freqNorm,
                delimiter, imageSize, dropConnect, overrides);
    }
}
