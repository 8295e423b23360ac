package org.unidefense.model.recce;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unidefense.testing.Fixture;
import org.unidefense.tensor.Tensors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.unidefense.model.TensorAssert.assertClose;

/**
 * Recce against the reference's eval-mode forward (fixture R_recce, README R.3): the state-dict
 * keys in the reference's order, the logits, P(fake), the reconstruction, the three correlation
 * matrices and all 18 intermediates at R.3's suggested tolerances, and the reasoning and attention
 * modules fed with the reference's own inputs. (The forward runs in float32 only: libtorch's float64
 * CPU convolutions are slow; RecceStepParityTest records a one-off float64 run of the training step.)
 */
class RecceParityTest {
    private static final double ATOL = 5e-4;
    private static final double RTOL = 1e-3;
    private static Fixture f;
    private static Recce model;

    @BeforeAll
    static void load() {
        torch.set_num_threads(2);
        f = Fixture.of("R_recce");
        model = RecceFixtures.loaded(ScalarType.Float);
        model.eval();
    }

    @Test
    void stateDictKeysAndOrderAreTheReferences() {
        List<String> expected = List.copyOf(Fixture.of("R_recce").stateDict("weights").keySet());
        assertEquals(362, expected.size());
        assertEquals(expected, List.copyOf(new Recce(1, 0.2).stateDict().keySet()));
    }

    @Test
    void evalForwardAndEveryIntermediateMatchTheReference() {
        Map<String, Tensor> taps = new LinkedHashMap<>();
        try (NoGradGuard g = new NoGradGuard()) {
            RecceOutput out = model.run(f.tensor("input"), (name, t) -> taps.put(name, t.clone()));
            assertClose("logits", f.floats("logits"), f.shape("logits"), out.logits(), 1e-5, 0);
            assertClose("prob_fake", f.floats("prob_fake"), f.shape("prob_fake"), out.logits().select(1, 0).sigmoid(), 1e-6, 0);
            assertClose("recons", f.floats("recons"), f.shape("recons"), out.recons(), ATOL, RTOL);
            for (int k = 0; k < 3; k++) {
                assertClose("contra_" + k, f.floats("contra_" + k), f.shape("contra_" + k), out.contra().get(k), 1e-6, 0);
            }
        }
        List<String> checked = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode n : f.meta().get("intermediates")) {
            String name = n.asText();
            Tensor actual = name.equals("embedding_pre_fc") ? taps.get("fc_input") : taps.get(name);
            assertClose("inter_" + name, f.floats("inter_" + name), f.shape("inter_" + name), actual, ATOL, RTOL);
            checked.add(name);
        }
        assertEquals(18, checked.size());
    }

    @Test
    void reasoningAndAttentionMatchGivenTheReferenceInputs() {
        try (NoGradGuard g = new NoGradGuard()) {
            GraphReasoning.Output graph = model.reasoning().forward(f.tensor("inter_enc_block7_out"),
                    f.tensor("inter_decoder2_out"), f.tensor("inter_decoder4_out"));
            assertClose("reasoning_agg_abc", f.floats("inter_reasoning_agg_abc"), f.shape("inter_reasoning_agg_abc"),
                    graph.aggregated(), 1e-5, 1e-4);
            assertClose("reasoning_out", f.floats("inter_reasoning_out"), f.shape("inter_reasoning_out"), graph.out(), 1e-5, 1e-4);
            GuidedAttention.Output att = model.attention().forward(f.tensor("input"), f.tensor("recons"),
                    f.tensor("inter_enc_block8_out"));
            assertClose("attention_res_map", f.floats("inter_attention_res_map"), f.shape("inter_attention_res_map"),
                    att.resMap(), 1e-6, 1e-5);
            assertClose("attention_out", f.floats("inter_attention_out"), f.shape("inter_attention_out"), att.out(), 1e-5, 1e-4);
        }
    }

    /** Eval with batch 1 works in the reference and gives the batched sample's logit (meta.tolerance_probes.batch1_sample0). */
    @Test
    void batchOfOneGivesTheBatchedLogit() {
        try (NoGradGuard g = new NoGradGuard()) {
            RecceOutput out = model.run(f.tensor("input").narrow(0, 0, 1));
            assertEquals(List.of(1L, 1L), java.util.Arrays.stream(Tensors.shape(out.logits())).boxed().toList());
            double expected = f.meta().get("tolerance_probes").get("batch1_sample0").get("logits_value").asDouble();
            assertEquals(expected, out.logits().item_double(), 1e-5);
        }
    }
}
