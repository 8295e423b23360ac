package org.unidefense.bench;

import org.junit.jupiter.api.Test;
import org.unidefense.data.DatasetSplit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoaderBenchTest {

    @Test
    void measuresWholeEpochsOfTheSyntheticSplit() {
        DatasetSplit items = LoaderBench.syntheticJpegs(6);
        assertEquals(6, items.size());
        assertEquals(3, items.samples().stream().filter(s -> s.isFake()).count());
        LoaderBench.Result r = LoaderBench.run(items, 2, 32, 4, 2);
        assertEquals(6, r.imagesPerEpoch());
        assertEquals(2, r.secondsPerEpoch().samples());
        assertTrue(r.imagesPerSecond() > 0 && Double.isFinite(r.imagesPerSecond()));
    }
}
