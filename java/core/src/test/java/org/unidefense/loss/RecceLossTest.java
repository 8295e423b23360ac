package org.unidefense.loss;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.unidefense.model.recce.RecceOutput;
import org.unidefense.testing.Fixture;
import org.unidefense.tensor.Tensors;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.unidefense.model.TensorAssert.assertClose;

/**
 * RECCE's trainer loss from the reference's own stored outputs (R_recce_loss: logits, recons,
 * contra, input, labels), so the loss arithmetic is checked apart from the model; and the
 * flooding and pair rules on hand-computed cases.
 */
class RecceLossTest {
    private static final Fixture F = Fixture.of("R_recce_loss");

    @Test
    void pairMatricesAreTheReferences() {
        Tensor labels = F.tensor("labels");
        Tensor like = F.tensor("contra_0");
        assertClose("mlloss_diff_mat", F.floats("mlloss_diff_mat"), F.shape("mlloss_diff_mat"),
                MetricLearningLoss.differentPairs(labels, like), 0, 0);
        assertClose("mlloss_sim_mat", F.floats("mlloss_sim_mat"), F.shape("mlloss_sim_mat"),
                MetricLearningLoss.similarPairs(labels, like), 0, 0);
    }

    @Test
    void lossTermsFromTheReferenceOutputsMatch() {
        for (String variant : List.of("", "bignoise")) {
            String p = variant.isEmpty() ? "" : variant + "_";
            String s = variant.isEmpty() ? "" : variant + ".";
            // bignoise_recons is not among the copied files, so the recons and total terms are checked for the main variant only
            RecceOutput out = new RecceOutput(F.tensor(p + "logits"), F.tensor("recons"),
                    List.of(F.tensor(p + "contra_0"), F.tensor(p + "contra_1"), F.tensor(p + "contra_2")));
            Map<String, Double> v = new RecceLoss(0.1, 0.1).loss(out, F.tensor("input"), F.tensor("labels")).doubles("");
            assertEquals(F.scalar(s + "bce"), v.get("ce_loss"), 1e-6, s + "bce");
            assertEquals(F.scalar(s + "cls_loss_flooded"), v.get("cls_loss"), 1e-6, s + "cls");
            assertEquals(F.scalar(s + "contra_loss"), v.get("contra_loss"), 1e-6, s + "contra");
            for (int k = 0; k < 3; k++) {
                assertEquals(F.scalar(s + "contra_sim_" + k), v.get("contra_sim_" + k), 1e-6);
                assertEquals(F.scalar(s + "contra_diff_" + k), v.get("contra_diff_" + k), 1e-6);
                assertEquals(F.scalar(s + "contra_partial_" + k), v.get("contra_partial_" + k), 1e-6);
            }
            if (variant.isEmpty()) {
                assertEquals(F.scalar("recons_loss"), v.get("recons_loss"), 1e-6, "recons");
                assertEquals(F.scalar("total"), v.get("total_loss"), 1e-6, "total");
            }
        }
    }

    /** bce = ln 2 for zero logits; below the flood level 0.04 the flooded loss mirrors: 0.08 - bce. */
    @Test
    void floodingMirrorsTheLossBelowPointZeroFour() {
        Tensor labels = Tensors.fromLongs(new long[]{0, 1}, 2);
        RecceOutput zero = output(new float[]{0f, 0f});
        Map<String, Double> v = new RecceLoss(0, 0).loss(zero, image(), labels).doubles("");
        assertEquals(Math.log(2), v.get("cls_loss"), 1e-6);
        // logits -5 (real) and +5 (fake): bce = ln(1 + e^-5) = 0.0067153
        Map<String, Double> w = new RecceLoss(0, 0).loss(output(new float[]{-5f, 5f}), image(), labels).doubles("");
        double bce = Math.log1p(Math.exp(-5));
        assertEquals(bce, w.get("ce_loss"), 1e-6);
        assertEquals(0.08 - bce, w.get("cls_loss"), 1e-6);
    }

    /**
     * Labels [0,0,1]: D pairs (0,2),(1,2) both ways -> 4; S pairs (0,1),(1,0) -> 2.
     * C = [[1,.9,.2],[.9,1,.4],[.2,.4,1]]: diff = 2(.2+.4)/(4+1e-6), sim = 2(.9)/(2+1e-6).
     */
    @Test
    void metricLearningLossOnAHandComputedMatrix() {
        Tensor c = Tensors.fromFloats(new float[]{1f, .9f, .2f, .9f, 1f, .4f, .2f, .4f, 1f}, 3, 3);
        MetricLearningLoss.Terms t = new MetricLearningLoss().loss(List.of(c), Tensors.fromLongs(new long[]{0, 0, 1}, 3));
        double diff = 1.2 / (4 + 1e-6);
        double sim = 1.8 / (2 + 1e-6);
        assertEquals(diff, t.diff().get(0).item_double(), 1e-6);
        assertEquals(sim, t.sim().get(0).item_double(), 1e-6);
        assertEquals(1 - sim + diff, t.loss().item_double(), 1e-6);
        // all fake: no pairs of either kind, sim = diff = 0, loss 1 per matrix
        MetricLearningLoss.Terms fakes = new MetricLearningLoss().loss(List.of(c, c), Tensors.fromLongs(new long[]{1, 1, 1}, 3));
        assertEquals(2.0, fakes.loss().item_double(), 1e-6);
    }

    /** Without real samples the reconstruction term is 0 (exp_recons_loss skips the batch). */
    @Test
    void noRealSampleGivesZeroReconstructionLoss() {
        Tensor labels = Tensors.fromLongs(new long[]{1, 1}, 2);
        Map<String, Double> v = new RecceLoss(0.1, 0.1).loss(output(new float[]{1f, 2f}), image(), labels).doubles("");
        assertEquals(0.0, v.get("recons_loss"), 0.0);
    }

    private static RecceOutput output(float[] logits) {
        Tensor c = Tensors.fromFloats(new float[]{1f, .5f, .5f, 1f}, 2, 2);
        return new RecceOutput(Tensors.fromFloats(logits, logits.length, 1), image().mul(new org.bytedeco.pytorch.Scalar(0.5)),
                List.of(c, c, c));
    }

    private static Tensor image() {
        return Tensors.fromFloats(new float[]{.5f, -.5f, .25f, -.25f, 0f, 1f, .5f, -.5f, .25f, -.25f, 0f, 1f}, 2, 3, 1, 2);
    }
}
