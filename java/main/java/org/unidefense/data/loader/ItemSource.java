package org.unidefense.data.loader;

import java.util.random.RandomGenerator;

/**
 * What the loader needs from a dataset split: per item its encoded image bytes, crop rectangle,
 * label and a name for messages. Implementations must be safe to call from several threads.
 */
public interface ItemSource {

    int size();

    /** A stable name of item {@code index} (its path or key) for batches and error messages. */
    String id(int index);

    long label(int index);

    /** The item's method or attack name (for display), or an empty string. */
    String method(int index);

    /** The encoded image (JPEG, PNG, ...) of item {@code index}; a bad item throws. */
    byte[] read(int index);

    /**
     * The rectangle to cut from the decoded image of item {@code index}, given its size; random
     * choices (such as a drawn face margin) come from {@code random}.
     */
    CropBox cropBox(int index, int width, int height, RandomGenerator random);
}
