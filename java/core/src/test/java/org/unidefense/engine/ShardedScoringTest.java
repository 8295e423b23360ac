package org.unidefense.engine;

import org.junit.jupiter.api.Test;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.Sample;
import org.unidefense.data.loader.DistributedSampler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Shards of 3 ranks over 7 items (two padded repeats) reassemble into the 7 items in order, once each. */
class ShardedScoringTest {
    @Test
    void shardsReassembleInDatasetOrderWithoutThePadding() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            samples.add(Sample.of("v" + (i / 2) + "/f" + i + ".png", i % 2, i % 2 == 0 ? "real" : "fake", "src"));
        }
        DatasetSplit split = new DatasetSplit("test", "test", samples, Map.of());
        List<Double> rows = new ArrayList<>();
        for (int rank = 0; rank < 3; rank++) {
            int[] mine = new DistributedSampler(7, 3, rank, false, 0, false).indices(0);
            assertEquals(3, mine.length);
            for (int i : mine) {
                // A padded repeat scored by another rank carries a different score: the first row must win.
                rows.add((double) i);
                rows.add((double) (i % 2));
                rows.add(i / 10.0 + (rank == 2 && i < 2 ? 0.5 : 0));
            }
        }
        ScoredFrames f = ShardedScoring.assemble(rows.stream().mapToDouble(Double::doubleValue).toArray(), split);
        assertEquals(7, f.size());
        assertArrayEquals(new double[]{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, f.scores(), 1e-12);
        assertArrayEquals(new int[]{0, 1, 0, 1, 0, 1, 0}, f.labels());
        assertEquals("v3/f6.png", f.paths().get(6));
        assertEquals("fake", f.methods().get(1));
    }

    @Test
    void aMissingItemIsAnError() {
        List<Sample> samples = List.of(Sample.of("a/1.png", 0, "real", "s"), Sample.of("a/2.png", 1, "fake", "s"));
        DatasetSplit split = new DatasetSplit("val", "val", samples, Map.of());
        assertThrows(IllegalStateException.class, () -> ShardedScoring.assemble(new double[]{0, 0, 0.5}, split));
    }
}
