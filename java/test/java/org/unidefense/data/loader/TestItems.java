package org.unidefense.data.loader;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

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

    /** {@code n} noise images labelled {@code label}, named prefix-i. */
    static InMemoryItems noise(String prefix, int n, long label, int size) {
        InMemoryItems items = new InMemoryItems();
        for (int i = 0; i < n; i++) {
            items.add(prefix + "-" + i, noisePng(1000L * label + i, size, size), label, prefix, null);
        }
        return items;
    }

    static TransformPipeline pipeline(List<Map<String, Object>> specs) {
        return TransformPipeline.fromSpecs(specs);
    }

    static Map<String, Object> spec(String name, Map<String, Object> params) {
        return Map.of("name", name, "params", params);
    }

    /** Counts reads and draws a random margin around the centre, so crops use the sample's generator. */
    static final class CountingRandomCrop implements ItemSource {
        final ItemSource inner;
        final AtomicInteger reads = new AtomicInteger();

        CountingRandomCrop(ItemSource inner) {
            this.inner = inner;
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public String id(int index) {
            return inner.id(index);
        }

        @Override
        public long label(int index) {
            return inner.label(index);
        }

        @Override
        public String method(int index) {
            return inner.method(index);
        }

        @Override
        public byte[] read(int index) {
            reads.incrementAndGet();
            return inner.read(index);
        }

        @Override
        public CropBox cropBox(int index, int width, int height, RandomGenerator random) {
            int m = random.nextInt(3);
            return new CropBox(m, m, width - m, height - m);
        }
    }
}
