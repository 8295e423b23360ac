package org.unidefense.checkpoint;

/** The two container formats of {@code torch.save}. */
public enum CheckpointFormat {
    /** The default since PyTorch 1.6: a zip archive with data.pkl and one entry per storage. */
    ZIP("zip"),
    /** {@code _use_new_zipfile_serialization=False} and files from before 1.6: pickles then raw storages. */
    LEGACY("legacy");

    private final String label;

    CheckpointFormat(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
