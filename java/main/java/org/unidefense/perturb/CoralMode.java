package org.unidefense.perturb;

import org.unidefense.UserInputException;

import java.util.Locale;

/** Which matrix "square root" CORAL uses (config key {@code coral}); see Coral. */
public enum CoralMode {
    /** The true symmetric square root: the aligned source gets the target's channel covariance. */
    SQRT,
    /** The reference's U·diag(√S)·Vhᵀ from an SVD: not a square root, sign-convention dependent. */
    REFERENCE;

    /** Parses the config value {@code sqrt} or {@code reference} (case-insensitive). */
    public static CoralMode fromConfig(String value) {
        if (value != null) {
            for (CoralMode m : values()) {
                if (m.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                    return m;
                }
            }
        }
        throw new UserInputException("config key 'coral': expected 'sqrt' or 'reference', got '" + value + "'");
    }
}
