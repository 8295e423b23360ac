package org.unidefense.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Best-model selection on scripted validation sequences, checked against the reference's comparisons. */
class BestTrackerTest {

    private static List<Long> selectedSteps(BestModelRule rule, List<Map<String, Double>> sequence) {
        BestTracker t = new BestTracker(rule);
        List<Long> saved = new ArrayList<>();
        for (int i = 0; i < sequence.size(); i++) {
            long step = (i + 1) * 100L;
            if (t.offer(step, sequence.get(i))) {
                saved.add(step);
            }
        }
        return saved;
    }

    @Test
    void forgeryKeepsTheHighestAucPlusAccAndTiesKeepTheEarlierStep() {
        List<Map<String, Double>> seq = List.of(
                Map.of("val/AUC", 0.75, "val/ACC", 0.5),    // 1.25 > 0: saved
                Map.of("val/AUC", 0.5, "val/ACC", 0.75),    // 1.25 tie (exact in binary): not saved
                Map.of("val/AUC", 0.625, "val/ACC", 0.75),  // 1.375: saved
                Map.of("val/AUC", 1.0, "val/ACC", 0.25));   // 1.25: not saved
        assertEquals(List.of(100L, 300L), selectedSteps(BestModelRule.forgery(), seq));
    }

    @Test
    void ocimKeepsTheHighestVideoAucMinusHter() {
        List<Map<String, Double>> seq = List.of(
                Map.of("val/video/AUC", 0.5, "val/video/ACER", 0.5),   // 0.0 > -1e8
                Map.of("val/video/AUC", 0.8, "val/video/ACER", 0.2),   // 0.6
                Map.of("val/video/AUC", 0.9, "val/video/ACER", 0.35),  // 0.55
                Map.of("val/video/AUC", 0.95, "val/video/ACER", 0.3)); // 0.65
        assertEquals(List.of(100L, 200L, 400L), selectedSteps(BestModelRule.ocim(), seq));
    }

    @Test
    void uniAttackKeepsTheLowestTestAcerAndSeparatelyTheLowestValAcer() {
        List<Map<String, Double>> seq = List.of(
                Map.of("test/frame/ACER", 0.30, "val/frame/ACER", 0.20),
                Map.of("test/frame/ACER", 0.10, "val/frame/ACER", 0.25),
                Map.of("test/frame/ACER", 0.20, "val/frame/ACER", 0.05),
                Map.of("test/frame/ACER", 0.10, "val/frame/ACER", 0.05));
        assertEquals(List.of(100L, 200L), selectedSteps(BestModelRule.uniAttackTest(), seq));
        assertEquals(List.of(100L, 300L), selectedSteps(BestModelRule.uniAttackVal(), seq));
        BestTracker t = new BestTracker(BestModelRule.uniAttackTest());
        seq.forEach(m -> t.offer(1, m));
        assertEquals(0.10, t.rule().shown(t.score()), 0.0, "logs show the ACER itself");
    }

    @Test
    void stateSurvivesARoundTripThroughItsMap() {
        BestTracker a = new BestTracker(BestModelRule.forgery());
        a.offer(700, Map.of("val/AUC", 0.8, "val/ACC", 0.7));
        BestTracker b = new BestTracker(BestModelRule.forgery());
        b.restore(a.toMap());
        assertEquals(700, b.step());
        assertEquals(1.5, b.score(), 1e-12);
        // a restored tracker compares against the restored best, not the initial one
        assertEquals(false, b.offer(800, Map.of("val/AUC", 0.75, "val/ACC", 0.7)));
    }
}
