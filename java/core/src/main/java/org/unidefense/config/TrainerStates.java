package org.unidefense.config;

/**
 * {@code config.trainer_states} (a project extension): which checkpoints carry the optimizer and
 * schedule state next to the weights.
 */
public enum TrainerStates implements ConfigChoice {
    /** Every checkpoint, the selected models too (what {@code resume_best} needs; default). */
    ALL("all"),
    /** Only {@code latest}: the selected models hold weights alone, and are smaller. */
    LATEST("latest");

    private final String key;

    TrainerStates(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
