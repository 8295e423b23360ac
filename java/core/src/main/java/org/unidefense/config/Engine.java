package org.unidefense.config;

import org.unidefense.UserInputException;

import java.util.Arrays;

/**
 * The three training/evaluation protocols of the reference ({@code --engine}): each reads a
 * different kind of dataset file.
 */
public enum Engine {
    /** Face forgery detection on FF++, Celeb-DF or WildDeepfake ({@code ForgeryEngine}). */
    FE,
    /** Face anti-spoofing, leave-one-out over OULU/CASIA/Idiap/MSU ({@code OCIMEngine}). */
    OCIM,
    /** The UniAttack benchmark, forgery and spoofing together ({@code UniAttackEngine}). */
    UE;

    /** Parses a command-line or config value, case-insensitively. */
    public static Engine parse(String value) {
        for (Engine e : values()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw new UserInputException("unknown engine '" + value + "'; expected one of " + Arrays.toString(values()));
    }
}
