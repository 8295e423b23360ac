package org.unidefense.model;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unidefense.model.nn.AttentionOutput;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.testing.Fixture;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.unidefense.model.TensorAssert.assertClose;

/**
 * UDR18 and UDR50 against the reference's eval-mode forward (fixtures A_udr18, A_udr50):
 * same state-dict keys in the same order, every output within the README's suggested
 * tolerance, and each stage fed with the reference's own intermediate so a difference is
 * pinned to one block.
 */
class ResNetModelParityTest {
    private static final double ATOL = 5e-4;
    private static final double RTOL = 1e-3;

    @BeforeAll
    static void twoThreads() {
        torch.set_num_threads(2);
    }

    /** Built and loaded once per fixture: UDR50 regenerates 82 M weight values. */
    private static final Map<String, UniDefenseResNet> MODELS = new java.util.HashMap<>();

    private static UniDefenseResNet loaded(String group, Fixture f) {
        return MODELS.computeIfAbsent(group, g -> build(g, f));
    }

    private static UniDefenseResNet build(String group, Fixture f) {
        String arch = f.meta().get("model").asText();
        UniDefenseResNet model = (UniDefenseResNet) ModelRegistry.create(arch);
        Map<String, Tensor> weights = ReferenceFixtures.stateDict(f, "weights");
        assertEquals(List.copyOf(weights.keySet()), List.copyOf(model.stateDict().keySet()),
                group + ": state-dict keys and their order");
        StateDictLoader.load(model, weights, group + " weights");
        model.eval();
        return model;
    }

    @ParameterizedTest
    @ValueSource(strings = {"A_udr18", "A_udr50"})
    void forwardMatchesTheReference(String group) {
        Fixture f = Fixture.of(group);
        UniDefenseResNet model = loaded(group, f);
        try (NoGradGuard g = new NoGradGuard()) {
            Tensor input = ReferenceFixtures.array(f, "input");
            ModelOutput out = model.forward(input);
            check(f, "cls_out", out.clsOut());
            check(f, "rec", out.rec());
            check(f, "spatial", out.spatial());
            check(f, "freq", out.freq());
            check(f, "freq_mask", out.freqMask());
            check(f, "spat_mask", out.spatMask());
            check(f, "factorization", out.factorization());
            assertEquals(2, out.triplet().size());
            check(f, "triplet_0", out.triplet().get(0));
            check(f, "triplet_1", out.triplet().get(1));
        }
    }

    /** The scoring-only path (validation, inference) gives the reference's logits, equal to the full forward's. */
    @ParameterizedTest
    @ValueSource(strings = {"A_udr18", "A_udr50"})
    void scoreMatchesTheReferenceLogits(String group) {
        Fixture f = Fixture.of(group);
        UniDefenseResNet model = loaded(group, f);
        try (NoGradGuard g = new NoGradGuard()) {
            Tensor input = ReferenceFixtures.array(f, "input");
            Tensor scores = model.score(input);
            check(f, "cls_out", scores);
            org.junit.jupiter.api.Assertions.assertArrayEquals(
                    org.unidefense.tensor.Tensors.toFloats(model.forward(input).clsOut()),
                    org.unidefense.tensor.Tensors.toFloats(scores), 0f, group + ": score equals forward().clsOut()");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"A_udr18", "A_udr50"})
    void eachStageMatchesTheReferenceGivenTheReferenceInput(String group) {
        Fixture f = Fixture.of(group);
        UniDefenseResNet model = loaded(group, f);
        try (NoGradGuard g = new NoGradGuard()) {
            Tensor input = ReferenceFixtures.array(f, "input");
            check(f, "inter_ext_feat", model.extractor().forward(input));

            Tensor decoded = ReferenceFixtures.array(f, "inter_ext_feat");
            for (IndexedSequential stage : model.decoder()) {
                decoded = stage.forward(decoded);
            }
            check(f, "inter_decoder_out_raw", decoded);

            check(f, "inter_emb_block1_out", model.embBlock1().forward(ReferenceFixtures.array(f, "inter_ext_feat")));
            AttentionOutput att = model.attention().forward(ReferenceFixtures.array(f, "inter_decoder_out_raw"), input,
                    ReferenceFixtures.array(f, "inter_emb_block1_out"), x -> x);
            check(f, "inter_attention_out", att.out());
            check(f, "inter_emb_block2_out", model.embBlock2().forward(ReferenceFixtures.array(f, "inter_attention_out")));
        }
    }

    private static void check(Fixture f, String name, Tensor actual) {
        System.out.printf("%s/%s max |diff| %.3g%n", f.group(), name,
                TensorAssert.maxAbsDiff(ReferenceFixtures.array(f, name), actual));
        assertClose(f.group() + "/" + name, f.floats(name), f.shape(name), actual, ATOL, RTOL);
    }
}
