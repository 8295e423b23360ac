package org.unidefense.data.loader;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.unidefense.UserInputException;
import org.unidefense.data.ImageStore;

/**
 * Encoded images held in memory by key: synthetic data for the loader benchmark and for tests,
 * with no disk or LMDB in the measurement.
 */
public final class InMemoryImageStore implements ImageStore {
    private final Map<String, byte[]> images = new ConcurrentHashMap<>();

    public InMemoryImageStore put(String key, byte[] encoded) {
        images.put(key, encoded);
        return this;
    }

    @Override
    public byte[] read(String key) {
        byte[] bytes = images.get(key);
        if (bytes == null) {
            throw new UserInputException("image '" + key + "' is not in " + describe());
        }
        return bytes;
    }

    @Override
    public boolean contains(String key) {
        return images.containsKey(key);
    }

    @Override
    public String describe() {
        return "the in-memory store (" + images.size() + " images)";
    }
}
