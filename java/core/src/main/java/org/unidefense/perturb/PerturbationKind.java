package org.unidefense.perturb;

/** The five perturbations the model chooses from during the second pass of a training step. */
public enum PerturbationKind {
    FREQUENCY_STYLE, SPATIAL_STYLE, NOISE, BLUR, DOWNSCALE;

    /** Whether the kind mixes in another image of the batch (the style branch). */
    public boolean isStyle() {
        return this == FREQUENCY_STYLE || this == SPATIAL_STYLE;
    }
}
