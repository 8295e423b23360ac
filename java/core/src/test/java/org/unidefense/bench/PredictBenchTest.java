package org.unidefense.bench;

import org.junit.jupiter.api.Test;
import org.unidefense.inference.InputDecoders;
import org.unidefense.model.ModelRegistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The predict benchmark runs every generated picture through the Haar cascade and the model, and times each pass. */
class PredictBenchTest {
    @Test
    void everyRenderedPictureIsScoredInEachTimedPass() {
        PredictBench.Result r = PredictBench.run(ModelRegistry.create("UDR18"), 32, 4, 2, 4, 1,
                InputDecoders.defaults());
        assertEquals(4, r.images());
        // the cascade misses some rendered faces (about 1 in 5): those pictures are processed, not scored
        assertTrue(r.failed() >= 0 && r.failed() < r.images(), "pictures without a face: " + r.failed());
        assertEquals(1, r.secondsPerPass().samples());
        assertEquals("haar", r.faces());
        assertTrue(r.secondsPerPass().minSeconds() > 0 && Double.isFinite(r.imagesPerSecond()));
    }
}
