package org.unidefense.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The network variants ({@code model.name}; the reference upper-cases the name before looking it
 * up, so {@code udr18} works too; the reference class names are accepted as aliases) and the
 * defaults of their constructors. This is the one place those defaults are stated: the config
 * parser fills absent keys from here, and {@code model.ModelRegistry} builds each variant from
 * the filled-in {@link ModelConfig}.
 */
public enum ModelArch {
    /** EfficientNet backbone (reference class {@code UniDefenseModelEb4}); the reference requires {@code extractor}. */
    UDEB4("UniDefenseModelEb4", "efficientnet-b4", true, null, 1),
    /** ResNet-18 backbone (reference class {@code UniDefenseModelRes18}). */
    UDR18("UniDefenseModelRes18", "resnet18", false, 448, 2),
    /** ResNet-50 backbone (reference class {@code UniDefenseModelRes50}). */
    UDR50("UniDefenseModelRes50", "resnet50", false, 1024, 2),
    /** RECCE (CVPR 2022, VISION-SJTU/RECCE): timm's legacy Xception, one fake logit by default. */
    RECCE("Recce", "xception", false, null, 1);

    private final String referenceClass;
    private final String defaultExtractor;
    private final boolean extractorRequired;
    private final Integer defaultMidDepth;
    private final int defaultNumClasses;

    ModelArch(String referenceClass, String defaultExtractor, boolean extractorRequired, Integer defaultMidDepth,
              int defaultNumClasses) {
        this.referenceClass = referenceClass;
        this.defaultExtractor = defaultExtractor;
        this.extractorRequired = extractorRequired;
        this.defaultMidDepth = defaultMidDepth;
        this.defaultNumClasses = defaultNumClasses;
    }

    public String referenceClass() {
        return referenceClass;
    }

    /**
     * The backbone built when none is named: the only one of the ResNet variants; for UDEB4 the
     * one the reference's delimiter table knows (a config file must still name it, see
     * {@link #extractorRequired()}).
     */
    public String defaultExtractor() {
        return defaultExtractor;
    }

    /** Whether a config file must give {@code model.extractor} (UDEB4: the reference constructor has no default). */
    public boolean extractorRequired() {
        return extractorRequired;
    }

    /** Embedder width used when {@code model.mid_depth} is absent; null when the variant has no such key. */
    public Integer defaultMidDepth() {
        return defaultMidDepth;
    }

    /** {@code num_classes} when absent: 1 for UDEB4 and Recce (a single logit), 2 for the ResNet variants. */
    public int defaultNumClasses() {
        return defaultNumClasses;
    }

    public boolean isEfficientNet() {
        return this == UDEB4;
    }

    /** RECCE: trained by its own single-pass step, configured by name, num_classes and drop_rate only. */
    public boolean isRecce() {
        return this == RECCE;
    }

    /** Looks a name up case-insensitively, accepting the reference class names as well. */
    public static Optional<ModelArch> lookup(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (ModelArch a : values()) {
            if (a.name().equals(upper) || a.referenceClass.equalsIgnoreCase(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** All accepted spellings, for messages. */
    public static List<String> acceptedNames() {
        return List.of("UDEB4", "UDR18", "UDR50", "UniDefenseModelEb4", "UniDefenseModelRes18",
                "UniDefenseModelRes50", "Recce");
    }
}
