package org.unidefense.data.loader;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.transform.TransformPipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PairedBatchesTest {
    private static final TransformPipeline NONE = TransformPipeline.fromSpecs(List.<Map<String, Object>>of());

    @Test
    void realComesFirstThenFakeWithTheirLabels() {
        DatasetSplit real = TestItems.noise("real", 4, 0, 6).split("train/real");
        DatasetSplit fake = TestItems.noise("fake", 6, 1, 6).split("train/fake");
        try (BatchLoader realLoader = BatchLoader.builder(real, NONE).batchSize(2).workers(1).build();
             BatchLoader fakeLoader = BatchLoader.builder(fake, NONE).batchSize(2).workers(1).build();
             BatchStream r = realLoader.epoch(0);
             BatchStream f = fakeLoader.epoch(0);
             BatchStream rAgain = realLoader.epoch(0);
             BatchStream fAgain = fakeLoader.epoch(0)) {
            PairedBatches pairs = new PairedBatches(r, f);
            Batch pair = pairs.next();
            Batch realBatch = rAgain.next();
            Batch fakeBatch = fAgain.next();
            assertArrayEquals(new long[] {0, 0, 1, 1}, pair.labels());
            assertEquals(List.of("real-0", "real-1", "fake-0", "fake-1"), pair.ids());
            assertArrayEquals(new long[] {4, 3, 6, 6}, pair.shape());
            int half = realBatch.images().length;
            for (int i = 0; i < half; i++) {
                assertEquals(realBatch.images()[i], pair.images()[i]);
                assertEquals(fakeBatch.images()[i], pair.images()[half + i]);
            }
            pairs.next();
            assertFalse(pairs.hasNext(), "the real side (2 batches) ends the pairing");
        }
    }

    @Test
    void ocimConcatenatesEveryDomainsRealThenEveryDomainsFake() throws Exception {
        List<BatchLoader> loaders = List.of(
                BatchLoader.builder(TestItems.noise("Oreal", 3, 0, 6).split("train/O/real"), NONE).batchSize(1).build(),
                BatchLoader.builder(TestItems.noise("Creal", 3, 0, 6).split("train/C/real"), NONE).batchSize(1).build(),
                BatchLoader.builder(TestItems.noise("Ofake", 3, 1, 6).split("train/O/fake"), NONE).batchSize(1).build(),
                BatchLoader.builder(TestItems.noise("Cfake", 3, 1, 6).split("train/C/fake"), NONE).batchSize(1).build());
        try (PairedBatches pairs = new PairedBatches(
                List.of(loaders.get(0).forever(0), loaders.get(1).forever(0)),
                List.of(loaders.get(2).forever(0), loaders.get(3).forever(0)))) {
            Batch step = pairs.next();
            assertEquals(List.of("Oreal-0", "Creal-0", "Ofake-0", "Cfake-0"), step.ids());
            assertArrayEquals(new long[] {0, 0, 1, 1}, step.labels());
        } finally {
            loaders.forEach(BatchLoader::close);
        }
    }

    @Test
    void batchesOfDifferentImageSizesCannotBeConcatenated() {
        try (BatchLoader small = BatchLoader.builder(TestItems.noise("s", 1, 0, 6).split("s"), NONE).build();
             BatchLoader large = BatchLoader.builder(TestItems.noise("l", 1, 1, 8).split("l"), NONE).build()) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> PairedBatches.concat(small.loadItem(0, 0), large.loadItem(0, 0)));
        }
    }
}
