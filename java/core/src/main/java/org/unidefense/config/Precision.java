package org.unidefense.config;

import org.unidefense.UserInputException;

import java.util.List;

/**
 * The arithmetic of convolutions and matrix products ({@code config.precision}, a project
 * extension). {@code fp32} is the default and the mode checked against the reference's fixtures;
 * {@code bf16} and {@code fp16} run those operations under libtorch's autocast while FFTs,
 * losses and normalisation statistics stay in float32 (see {@code tensor.Autocast}). The
 * reference builds its GradScaler with autocast disabled, i.e. it always trains in fp32.
 */
public enum Precision implements ConfigChoice {
    FP32("fp32"),
    BF16("bf16"),
    FP16("fp16");

    private final String key;

    Precision(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    public static List<String> keys() {
        return ConfigChoice.keys(Precision.class);
    }

    /** The command-line spelling (case-insensitive, unlike the configuration file's). */
    public static Precision parse(String value) {
        for (Precision p : values()) {
            if (p.key.equalsIgnoreCase(value)) {
                return p;
            }
        }
        throw new UserInputException("unknown precision '" + value + "'; expected one of " + keys());
    }

    /** Whether gradients need loss scaling (fp16's 5-bit exponent underflows small gradients). */
    public boolean needsGradScaler() {
        return this == FP16;
    }
}
