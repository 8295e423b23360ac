package org.unidefense.model.efficientnet;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.unidefense.tensor.Tensors;

import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.bytedeco.pytorch.global.torch.ones;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropConnectTest {

    @Test
    void evaluationAndRateZeroAreTheIdentity() {
        Tensor x = ones(4, 2, 3, 3);
        assertSame(x, DropConnect.apply(x, 0.3, false, null));
        assertSame(x, DropConnect.apply(x, 0.0, true, null));
    }

    @Test
    void trainingKeepsWholeSamplesScaledByTheKeepProbability() {
        Tensor x = ones(4000, 2, 1, 1);
        float[] y = Tensors.toFloats(DropConnect.apply(x, 0.25, true, make_generator_cpu(3)));
        int kept = 0;
        for (int n = 0; n < 4000; n++) {
            // one decision per sample: both channels agree, and kept values are 1/0.75
            assertEquals(y[2 * n], y[2 * n + 1]);
            assertTrue(y[2 * n] == 0f || Math.abs(y[2 * n] - 1 / 0.75f) < 1e-6, "value " + y[2 * n]);
            kept += y[2 * n] == 0f ? 0 : 1;
        }
        // binomial(4000, 0.75): sd 27
        assertTrue(Math.abs(kept - 3000) < 150, "kept " + kept);
    }

    @Test
    void theSameSeedGivesTheSameDecisions() {
        Tensor x = ones(64, 1, 1, 1);
        float[] a = Tensors.toFloats(DropConnect.apply(x, 0.5, true, make_generator_cpu(11)));
        float[] b = Tensors.toFloats(DropConnect.apply(x, 0.5, true, make_generator_cpu(11)));
        assertArrayEquals(a, b, 0f);
    }

    @Test
    void ratesOutsideTheUnitIntervalAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DropConnect.apply(ones(1, 1, 1, 1), 1.5, true, null));
    }
}
