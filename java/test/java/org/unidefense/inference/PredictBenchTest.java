package org.unidefense.inference;

import org.junit.jupiter.api.Test;
import org.unidefense.model.ModelFactory;
import org.unidefense.model.ModelOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The predict benchmark scores every generated picture (it throws when any fails) and times each pass. */
class PredictBenchTest {
    @Test
    void everyRenderedPictureIsScoredInEachTimedPass() {
        PredictBench.Result r = PredictBench.run(ModelFactory.create("UDR18", ModelOptions.defaults()), 32, 4, 2, 4, 1,
                InputDecoders.defaults());
        assertEquals(4, r.images());
        assertEquals(0, r.failed());
        assertEquals(1, r.secondsPerPass().samples());
        assertTrue(r.faces().startsWith("fixed central box"), r.faces());
        assertTrue(r.secondsPerPass().minSeconds() > 0 && Double.isFinite(r.imagesPerSecond()));
    }
}
