package org.unidefense.data.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.unidefense.data.DatasetSplit;
import org.unidefense.data.FaceBox;
import org.unidefense.data.ImageStore;
import org.unidefense.data.Sample;

import org.unidefense.data.transform.Pixels;
import org.unidefense.data.transform.TransformPipeline;

/** Small encoded test images and sources around them. */
final class TestItems {

    private TestItems() {
    }

    /** RGB pixel (x, y) of image {@code k}: a value per channel that differs for each position and image. */
    static int pixel(int k, int channel, int y, int x) {
        return switch (channel) {
            case 0 -> 10 * y + x + k;
            case 1 -> 100 + 3 * x + k;
            default -> 250 - 7 * y - k;
        };
    }

    static byte[] patternPng(int k, int height, int width) {
        byte[] hwc = new byte[height * width * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    hwc[(y * width + x) * 3 + c] = (byte) pixel(k, c, y, x);
                }
            }
        }
        return RgbEncoder.encode(Pixels.fromBytes(hwc, height, width, 3), ".png");
    }

    static byte[] noisePng(long seed, int height, int width) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] hwc = new byte[height * width * 3];
        for (int i = 0; i < hwc.length; i++) {
            hwc[i] = (byte) r.nextInt(256);
        }
        return RgbEncoder.encode(Pixels.fromBytes(hwc, height, width, 3), ".png");
    }

    /** {@code n} noise images labelled {@code label}, named prefix-i, each with a centred face box. */
    static Items noise(String prefix, int n, int label, int size) {
        Items items = new Items();
        for (int i = 0; i < n; i++) {
            items.add(prefix + "-" + i, noisePng(1000L * label + i, size, size), label,
                    new FaceBox(size / 4, size / 4, size / 2, size / 2));
        }
        return items;
    }

    static TransformPipeline pipeline(List<Map<String, Object>> specs) {
        return TransformPipeline.fromSpecs(specs);
    }

    static Map<String, Object> spec(String name, Map<String, Object> params) {
        return Map.of("name", name, "params", params);
    }

    /** Builds a split over an in-memory store that counts its reads. */
    static final class Items {
        final CountingStore store = new CountingStore();
        final List<Sample> samples = new ArrayList<>();

        /** {@code image} null leaves the item out of the store (a missing key). */
        Items add(String path, byte[] image, int label, FaceBox box) {
            if (image != null) {
                store.images.put(path, image);
            }
            samples.add(new Sample(path, path, label, Sample.videoIdOf(path), label == 0 ? "real" : "fake", "mem",
                    box, List.of()));
            return this;
        }

        DatasetSplit split(String name) {
            return new DatasetSplit(name, "train", samples, Map.of("mem", store));
        }

        int reads() {
            return store.reads.get();
        }
    }

    static final class CountingStore implements ImageStore {
        final InMemoryImageStore images = new InMemoryImageStore();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public byte[] read(String key) {
            reads.incrementAndGet();
            return images.read(key);
        }

        @Override
        public boolean contains(String key) {
            return images.contains(key);
        }

        @Override
        public String describe() {
            return images.describe();
        }
    }
}
