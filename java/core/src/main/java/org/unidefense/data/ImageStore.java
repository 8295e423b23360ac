package org.unidefense.data;

/**
 * Encoded images (JPEG/PNG bytes) by key. Implementations are safe to read from several threads.
 */
public interface ImageStore extends AutoCloseable {

    /**
     * The encoded bytes stored under {@code key}.
     *
     * @throws org.unidefense.UserInputException naming the store and the key when it holds no such image
     */
    byte[] read(String key);

    /** Whether the store holds {@code key}. */
    boolean contains(String key);

    /** Where the images come from (a directory or an LMDB environment), for messages. */
    String describe();

    /** Releases the store; shared stores may ignore it. */
    @Override
    default void close() {
    }
}
