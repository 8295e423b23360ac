package org.unidefense.data.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.unidefense.UserInputException;

/**
 * Encoded images held in memory, with labels and optional fixed crop boxes: synthetic data for
 * the throughput benchmark and a reference {@link ItemSource} for tests.
 */
public final class InMemoryItems implements ItemSource {
    private final List<byte[]> encoded = new ArrayList<>();
    private final List<Long> labels = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final List<String> methods = new ArrayList<>();
    private final List<CropBox> crops = new ArrayList<>();

    /** Adds an item; {@code crop} null means the whole image. */
    public InMemoryItems add(String id, byte[] image, long label, String method, CropBox crop) {
        ids.add(id);
        encoded.add(image);
        labels.add(label);
        methods.add(method);
        crops.add(crop);
        return this;
    }

    @Override
    public int size() {
        return encoded.size();
    }

    @Override
    public String id(int index) {
        return ids.get(index);
    }

    @Override
    public long label(int index) {
        return labels.get(index);
    }

    @Override
    public String method(int index) {
        return methods.get(index);
    }

    @Override
    public byte[] read(int index) {
        byte[] bytes = encoded.get(index);
        if (bytes == null || bytes.length == 0) {
            throw new UserInputException("item " + ids.get(index) + " has no image data");
        }
        return bytes;
    }

    @Override
    public CropBox cropBox(int index, int width, int height, RandomGenerator random) {
        CropBox crop = crops.get(index);
        return crop != null ? crop : CropBox.full(width, height);
    }
}
