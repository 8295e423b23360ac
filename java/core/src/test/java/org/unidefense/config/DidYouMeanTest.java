package org.unidefense.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DidYouMeanTest {
    @Test
    void distanceCountsEditsAndSwaps() {
        assertEquals(0, DidYouMean.distance("crop", "crop"));
        assertEquals(1, DidYouMean.distance("lamda", "lambda"));      // one insertion
        assertEquals(1, DidYouMean.distance("croP", "crow"));         // one substitution
        assertEquals(1, DidYouMean.distance("lr", "rl"));             // one swap (plain Levenshtein says 2)
        assertEquals(3, DidYouMean.distance("kitten", "sitting"));
    }

    @Test
    void suggestsOnlyWithinTwoEdits() {
        List<String> keys = List.of("lambda_mask", "lambda_fac", "crop");
        assertEquals(Optional.of("lambda_fac"), DidYouMean.suggest("lamda_fac", keys));
        assertEquals(Optional.of("crop"), DidYouMean.suggest("CROP", keys));
        assertEquals(Optional.empty(), DidYouMean.suggest("learning_rate", keys));
    }
}
