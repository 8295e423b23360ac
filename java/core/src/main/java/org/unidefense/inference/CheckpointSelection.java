package org.unidefense.inference;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which of a run folder's checkpoints a detector loads. A UniAttack run keeps two selected models:
 * {@code best}, chosen by the lowest <em>test</em> ACER (the reference's rule, which looks at the
 * test set), and {@code best_val}, chosen on validation; only the latter is an honest choice for
 * deployment, so it is the default where a run has it (see {@link ModelSource#checkpointFile}).
 */
public enum CheckpointSelection {
    /** {@code best.pt}: the engine's own rule (test ACER for UniAttack runs, validation otherwise). */
    BEST("best", "the engine's best model (for UniAttack runs chosen on test ACER, the reference's rule)"),
    /** {@code best_val.pt}: the lowest validation frame ACER (UniAttack runs). */
    BEST_VAL("best_val", "the model selected on validation frame ACER"),
    /** {@code latest.pt}: the weights of the last step trained. */
    LATEST("latest", "the weights of the last step trained");

    private final String label;
    private final String meaning;

    CheckpointSelection(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** As written on the command line and in run folders: best, best_val, latest. */
    public String label() {
        return label;
    }

    /** The file a run folder holds for it, e.g. {@code best_val.pt}. */
    public String fileName() {
        return label + ".pt";
    }

    /** What the checkpoint is, for the note that tells the user which one was loaded. */
    public String meaning() {
        return meaning;
    }

    /** {@code best}, {@code best_val} or {@code latest} (case-insensitive). */
    public static CheckpointSelection parse(String text) {
        for (CheckpointSelection s : values()) {
            if (s.label.equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("expected one of " + choices() + ", found '" + text + "'");
    }

    /** {@code best|best_val|latest}. */
    public static String choices() {
        return Arrays.stream(values()).map(CheckpointSelection::label).collect(Collectors.joining("|"));
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
