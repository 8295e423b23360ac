package org.unidefense.data.loader;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.unidefense.UserInputException;
import org.unidefense.config.FaceMargin;
import org.unidefense.config.CropMode;
import org.unidefense.data.DataErrorPolicy;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.FaceBox;
import org.unidefense.config.OnError;
import org.unidefense.data.transform.TransformPipeline;
import org.unidefense.tensor.Tensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.unidefense.data.loader.TestItems.spec;

class BatchLoaderTest {
    private static final TransformPipeline FLIP = TestItems.pipeline(List.of(spec("HorizontalFlip", Map.of("p", 1.0))));

    /** Random transforms whose draws depend on the sample's generator. */
    private static final TransformPipeline RANDOM = TestItems.pipeline(List.of(
            spec("Resize", Map.of("height", 12, "width", 12)),
            spec("HorizontalFlip", Map.of("p", 0.5)),
            spec("RandomBrightnessContrast", Map.of("p", 0.8)),
            spec("GaussNoise", Map.of("p", 0.5))));

    @Test
    void cropsFlipsAndWritesEachPixelToItsNchwPosition() {
        TestItems.Items items = new TestItems.Items();
        FaceBox box = new FaceBox(1, 1, 4, 3); // x 1..4, y 1..3 of a 6x5 image; margin 0 keeps it as is
        for (int k = 0; k < 3; k++) {
            items.add("img-" + k, TestItems.patternPng(k, 5, 6), 1 - k % 2, box);
        }
        try (BatchLoader loader = BatchLoader.builder(items.split("pixels"), FLIP).batchSize(2).workers(2)
                .crop(CropMode.FOUR_POINT, FaceMargin.fixed(0.0)).build();
             BatchStream stream = loader.epoch(0)) {
            Batch first = stream.next();
            assertArrayEquals(new long[] {2, 3, 3, 4}, first.shape());
            assertArrayEquals(new long[] {1, 0}, first.labels());
            assertEquals(List.of("img-0", "img-1"), first.ids());
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < 3; y++) {
                        for (int x = 0; x < 4; x++) {
                            // flipped: output column x shows crop column 3 - x, i.e. image column 1 + 3 - x
                            float expected = TestItems.pixel(n, c, 1 + y, 1 + 3 - x);
                            int position = ((n * 3 + c) * 3 + y) * 4 + x;
                            assertEquals(expected, first.images()[position], "n" + n + " c" + c + " y" + y + " x" + x);
                        }
                    }
                }
            }
            Batch last = stream.next();
            assertEquals(1, last.size(), "the reference keeps the incomplete last batch");
            assertEquals(TestItems.pixel(2, 1, 1, 4), last.at(0, 1, 0, 0));
            assertFalse(stream.hasNext());

            try (PointerScope scope = new PointerScope()) {
                Tensor images = first.imagesTensor();
                assertArrayEquals(first.shape(), Tensors.shape(images));
                assertArrayEquals(first.images(), Tensors.toFloats(images));
                assertArrayEquals(first.labels(), Tensors.toLongs(first.labelsTensor()));
            }
        }
    }

    @Test
    void fourPointCropWidensTheFaceBoxByTheMarginAndClampsToTheImage() {
        TestItems.Items items = new TestItems.Items();
        // box x 2..5, y 3..6 of a 9x8 image; margin 0.5 adds int(4 * 0.5 / 2) = 1 on each side
        items.add("inside", TestItems.patternPng(0, 8, 9), 0, new FaceBox(2, 3, 4, 4));
        // box at the corner: the widened box is clamped to x 0..3, y 0..3
        items.add("corner", TestItems.patternPng(1, 8, 9), 1, new FaceBox(0, 0, 4, 4));
        TransformPipeline none = TestItems.pipeline(List.of());
        try (BatchLoader loader = BatchLoader.builder(items.split("margin"), none)
                .crop(CropMode.FOUR_POINT, FaceMargin.fixed(0.5)).build()) {
            Batch inside = loader.loadItem(0, 0);
            assertArrayEquals(new long[] {1, 3, 6, 6}, inside.shape());
            assertEquals(TestItems.pixel(0, 0, 2, 1), inside.at(0, 0, 0, 0));
            assertEquals(TestItems.pixel(0, 2, 7, 6), inside.at(0, 2, 5, 5));
            Batch corner = loader.loadItem(1, 0);
            assertArrayEquals(new long[] {1, 3, 5, 5}, corner.shape());
            assertEquals(TestItems.pixel(1, 1, 0, 0), corner.at(0, 1, 0, 0));
        }
    }

    @Test
    void batchesAreTheSameWithZeroOneAndTwoWorkers() {
        List<List<Batch>> runs = new ArrayList<>();
        for (int workers : new int[] {0, 1, 2}) {
            DatasetSplit items = TestItems.noise("n", 13, 0, 16).split("noise");
            try (BatchLoader loader = BatchLoader.builder(items, RANDOM).batchSize(4).workers(workers)
                    .crop(CropMode.FOUR_POINT, FaceMargin.range(0.1, 0.9)).shuffle(true).seed(11).build()) {
                List<Batch> batches = new ArrayList<>();
                for (long epoch = 0; epoch < 2; epoch++) {
                    try (BatchStream s = loader.epoch(epoch)) {
                        s.forEachRemaining(batches::add);
                    }
                }
                runs.add(batches);
            }
        }
        for (int run = 1; run < runs.size(); run++) {
            assertEquals(runs.get(0).size(), runs.get(run).size());
            for (int b = 0; b < runs.get(0).size(); b++) {
                assertArrayEquals(runs.get(0).get(b).images(), runs.get(run).get(b).images(), "batch " + b);
                assertEquals(runs.get(0).get(b).ids(), runs.get(run).get(b).ids());
            }
        }
        List<Batch> batches = runs.get(0);
        assertEquals(8, batches.size(), "two epochs of 4 + 4 + 4 + 1");
        assertFalse(batches.get(0).ids().equals(batches.get(4).ids()), "each epoch has its own permutation");
        // the same item in two epochs is augmented differently (its epoch enters its seed)
        float[] e0 = imageOf(batches.subList(0, 4), "n-0");
        float[] e1 = imageOf(batches.subList(4, 8), "n-0");
        assertFalse(java.util.Arrays.equals(e0, e1));
    }

    private static float[] imageOf(List<Batch> batches, String id) {
        for (Batch b : batches) {
            int i = b.ids().indexOf(id);
            if (i >= 0) {
                return java.util.Arrays.copyOfRange(b.images(), i * b.imageLength(), (i + 1) * b.imageLength());
            }
        }
        throw new AssertionError(id + " not found");
    }

    @Test
    void readsNoMoreThanThePrefetchedBatchesAhead() throws InterruptedException {
        TestItems.Items items = TestItems.noise("p", 30, 0, 8);
        try (BatchLoader loader = BatchLoader.builder(items.split("prefetch"), RANDOM).batchSize(3).workers(2)
                .prefetch(2).build();
             BatchStream stream = loader.epoch(0)) {
            awaitSteady(items, 6);
            assertEquals(6, items.reads(), "two batches of three read ahead before any is taken");
            stream.next();
            awaitSteady(items, 9);
            assertEquals(9, items.reads());
            stream.next();
            stream.next();
            awaitSteady(items, 15);
            assertEquals(15, items.reads());
        }
    }

    /** Waits until {@code expected} reads happened, then a little longer so that any extra read shows. */
    private static void awaitSteady(TestItems.Items items, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (items.reads() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(150);
    }

    @Test
    void aBadItemFailsNamingIt() {
        TestItems.Items items = TestItems.noise("ok", 3, 0, 8);
        items.add("broken.jpg", new byte[] {1, 2, 3, 4}, 0, null);
        try (BatchLoader loader = BatchLoader.builder(items.split("bad"), FLIP).batchSize(4).workers(2).build();
             BatchStream stream = loader.epoch(0)) {
            UserInputException e = assertThrows(UserInputException.class, stream::next);
            assertTrue(e.getMessage().contains("broken.jpg"), e.getMessage());
        }
    }

    @Test
    void skipReplacesABadItemByTheNextAndCountsIt() {
        TestItems.Items items = new TestItems.Items();
        items.add("a", TestItems.patternPng(0, 4, 4), 0, null);
        items.add("missing", null, 1, null);
        items.add("c", TestItems.patternPng(2, 4, 4), 0, null);
        items.add("d", TestItems.patternPng(3, 4, 4), 1, null);
        DataErrorPolicy skip = new DataErrorPolicy(OnError.SKIP);
        try (BatchLoader loader = BatchLoader.builder(items.split("skip"), FLIP).batchSize(4).workers(2)
                .errors(skip).build();
             BatchStream stream = loader.epoch(0)) {
            Batch batch = stream.next();
            assertEquals(List.of("a", "c", "c", "d"), batch.ids());
            assertArrayEquals(new long[] {0, 0, 0, 1}, batch.labels(), "the replacement brings its own label");
            assertEquals(TestItems.pixel(2, 0, 0, 3), batch.at(1, 0, 0, 0), "slot 1 holds item c's pixels");
            assertEquals(1, loader.skippedItems());
            assertTrue(skip.skippedMessages().get(0).startsWith("missing: "), skip.skippedMessages().toString());
        }
    }

    @Test
    void imagesOfDifferentSizesInOneBatchAreRejected() {
        TestItems.Items items = new TestItems.Items();
        items.add("small", TestItems.patternPng(0, 4, 4), 0, null);
        items.add("large", TestItems.patternPng(0, 6, 6), 0, null);
        try (BatchLoader loader = BatchLoader.builder(items.split("sizes"), FLIP).batchSize(2).build();
             BatchStream stream = loader.epoch(0)) {
            UserInputException e = assertThrows(UserInputException.class, stream::next);
            assertTrue(e.getMessage().contains("large"), e.getMessage());
        }
    }

    @Test
    void foreverRunsEpochAfterEpochWithNewPermutations() {
        DatasetSplit items = TestItems.noise("f", 5, 0, 8).split("forever");
        try (BatchLoader loader = BatchLoader.builder(items, FLIP).batchSize(2).workers(2).shuffle(true).seed(3).build();
             BatchStream stream = loader.forever(0)) {
            assertEquals(3, loader.batchesPerEpoch());
            List<List<String>> epochs = new ArrayList<>();
            for (int epoch = 0; epoch < 3; epoch++) {
                List<String> ids = new ArrayList<>();
                for (int b = 0; b < 3; b++) {
                    Batch batch = stream.next();
                    assertEquals(epoch, batch.epoch());
                    assertEquals(b == 2 ? 1 : 2, batch.size());
                    ids.addAll(batch.ids());
                }
                Set<String> all = new HashSet<>(ids);
                assertEquals(Set.of("f-0", "f-1", "f-2", "f-3", "f-4"), all, "each epoch reads every item once");
                epochs.add(ids);
            }
            assertTrue(stream.hasNext());
            assertFalse(epochs.get(0).equals(epochs.get(1)) && epochs.get(1).equals(epochs.get(2)));
        }
    }
}
