package org.unidefense.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The UniDefense network variants ({@code model.name}; the reference upper-cases the name before
 * looking it up, so {@code udr18} works too). The reference class names are accepted as aliases.
 */
public enum ModelArch {
    /** EfficientNet-B4 backbone (reference class {@code UniDefenseModelEb4}). */
    UDEB4("UniDefenseModelEb4", null, null, 1),
    /** ResNet-18 backbone (reference class {@code UniDefenseModelRes18}). */
    UDR18("UniDefenseModelRes18", "resnet18", 448, 2),
    /** ResNet-50 backbone (reference class {@code UniDefenseModelRes50}). */
    UDR50("UniDefenseModelRes50", "resnet50", 1024, 2),
    /** RECCE (CVPR 2022, VISION-SJTU/RECCE): timm's legacy Xception, one fake logit by default. */
    RECCE("Recce", "xception", null, 1);

    private final String referenceClass;
    private final String defaultExtractor;
    private final Integer defaultMidDepth;
    private final int defaultNumClasses;

    ModelArch(String referenceClass, String defaultExtractor, Integer defaultMidDepth, int defaultNumClasses) {
        this.referenceClass = referenceClass;
        this.defaultExtractor = defaultExtractor;
        this.defaultMidDepth = defaultMidDepth;
        this.defaultNumClasses = defaultNumClasses;
    }

    public String referenceClass() {
        return referenceClass;
    }

    /** Backbone name used when {@code model.extractor} is absent; null means the key is required (UDEB4). */
    public String defaultExtractor() {
        return defaultExtractor;
    }

    /** Embedder width used when {@code model.mid_depth} is absent; null for UDEB4, which has no such key. */
    public Integer defaultMidDepth() {
        return defaultMidDepth;
    }

    /** {@code num_classes} when absent: 1 for UDEB4 (a single logit), 2 for the ResNet variants. */
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
