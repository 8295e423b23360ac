package org.unidefense.model;

import org.unidefense.config.ModelConfig;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.unidefense.UserInputException;
import org.unidefense.testing.Fixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parameter counts against the reference manifests, frozen tensors, and the factory's names. */
class ModelStructureTest {
    private static boolean isBuffer(String key) {
        return key.endsWith(".running_mean") || key.endsWith(".running_var") || key.endsWith(".num_batches_tracked");
    }

    @ParameterizedTest
    @CsvSource({"A_udr18, UDR18, 512", "A_udr50, UDR50, 2048"})
    void countsMatchTheReferenceStateDict(String group, String name, long frozenBias) {
        long params = 0;
        long buffers = 0;
        for (JsonNode e : Fixture.of(group).manifest().get("state_dicts").get("weights").get("entries")) {
            long n = e.get("stats").get("numel").asLong();
            if (isBuffer(e.get("name").asText())) {
                buffers += n;
            } else {
                params += n;
            }
        }
        UniDefenseModel model = ModelRegistry.create(name.toLowerCase());
        ParameterCount c = model.parameterCount();
        assertEquals(params, c.parameters());
        assertEquals(buffers, c.buffers());
        assertEquals(params - frozenBias, c.trainable(), "only bottleneck.bias is frozen");
        assertFalse(model.stateDict().get("bottleneck.bias").requires_grad());
        assertEquals(name, model.architecture());
    }

    @Test
    void summaryListsTheReferenceSubmodulesWithTheirCounts() {
        UniDefenseModel model = ModelRegistry.create("UDR18");
        java.util.List<String> lines = ModuleSummary.lines(model, 1);
        assertEquals(10, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("UDR18 (UDR18): "), lines.get(0));
        assertTrue(lines.get(1).startsWith("  extractor (ExtractorRes18): "), lines.get(1));
        assertTrue(lines.get(5).startsWith("  dec_block2 (Sequential): "), lines.get(5));
        // Classifier(512, 2): 1024 weights and 2 biases
        assertTrue(lines.get(7).equals("  classifier (Classifier): 1,026 params (1,026 trainable), 0 buffer elements"),
                lines.get(7));
        assertTrue(lines.get(6).startsWith("  bottleneck (BatchNorm1d): 1,024 params (512 trainable)"), lines.get(6));
    }

    @Test
    void unknownModelNameIsAUserError() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> ModelRegistry.create("UDR34"));
        assertTrue(e.getMessage().contains("UDR34") && e.getMessage().contains("UDR18"), e.getMessage());
    }

    @Test
    void midDepthOtherThanTheExtractorOutputIsAUserError() {
        assertThrows(UserInputException.class,
                () -> ModelRegistry.create(ModelConfig.defaults("UDR18").withMidDepth(512)));
    }

    @Test
    void anotherExtractorThanTheArchitecturesIsAUserError() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> ModelRegistry.create(ModelConfig.defaults("UDR50").withExtractor("resnet18")));
        assertTrue(e.getMessage().contains("resnet50"), e.getMessage());
    }
}
