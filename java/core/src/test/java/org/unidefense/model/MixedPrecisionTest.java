package org.unidefense.model;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.unidefense.config.Precision;
import org.unidefense.tensor.Autocast;
import org.unidefense.tensor.Tensors;
import org.unidefense.testing.Fixture;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code precision: bf16} against the reference's float32 eval forward (fixtures A): every output
 * within a relative bound, in float32, and the autocast scope leaving the thread as it found it.
 */
class MixedPrecisionTest {
    /**
     * Relative L2 error per output of a bfloat16 forward against the reference's float32 one.
     * bfloat16 keeps 8 bits of mantissa (relative rounding 2⁻⁹ ≈ 2e-3 per operation) and the
     * error grows with depth. Measured (libtorch 2.10, 2 threads): UDR18 logits 0.048, rec
     * 0.055, factorization 0.040, masks 0.004–0.006; UDEB4 (32 blocks) logits 0.115, rec 0.153,
     * factorization 0.159, masks 0.012–0.021. The bounds are about twice the worst per model.
     * These fixtures' weights are synthetic (README §3), not trained; bf16 is an opt-in for
     * speed, and float32 stays the parity mode.
     */
    private static final Map<String, Double> BF16_REL_L2 = Map.of("A_udr18", 0.12, "A_udeb4", 0.32);

    @BeforeAll
    static void twoThreads() {
        torch.set_num_threads(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A_udr18", "A_udeb4"})
    void bfloat16ForwardStaysCloseToTheReference(String group) {
        Fixture f = Fixture.of(group);
        UniDefenseModel model = ReferenceFixtures.loadedModel(group, f).usePrecision(Precision.BF16);
        try (NoGradGuard g = new NoGradGuard()) {
            ModelOutput out = model.forward(ReferenceFixtures.array(f, "input"));
            Map<String, Tensor> outputs = new LinkedHashMap<>();
            outputs.put("cls_out", out.clsOut());
            outputs.put("rec", out.rec());
            outputs.put("freq_mask", out.freqMask());
            outputs.put("spat_mask", out.spatMask());
            outputs.put("factorization", out.factorization());
            for (Map.Entry<String, Tensor> e : outputs.entrySet()) {
                assertEquals(ScalarType.Float.value, e.getValue().scalar_type().value, e.getKey() + " is handed out in float32");
                double rel = relativeL2(f.floats(e.getKey()), Tensors.toFloats(e.getValue()));
                assertTrue(rel <= BF16_REL_L2.get(group), group + "/" + e.getKey() + " relative L2 " + rel);
            }
            assertEquals(Tensors.toFloats(out.clsOut())[0], Tensors.toFloats(model.score(
                    ReferenceFixtures.array(f, "input")))[0], 1e-6, "score takes the same bfloat16 path");
        } finally {
            model.usePrecision(Precision.FP32);
        }
    }

    @Test
    void autocastScopesNestAndRestoreTheThreadState() {
        assertFalse(torch.is_autocast_enabled(DeviceType.CPU));
        try (Autocast outer = Autocast.enter(Precision.BF16, DeviceType.CPU)) {
            assertTrue(torch.is_autocast_enabled(DeviceType.CPU));
            assertEquals(ScalarType.BFloat16.value, torch.get_autocast_dtype(DeviceType.CPU).value);
            try (Autocast inner = Autocast.enter(Precision.FP32, DeviceType.CPU)) {
                assertTrue(torch.is_autocast_enabled(DeviceType.CPU), "fp32 inside bf16 changes nothing");
            }
            try (Autocast inner = Autocast.enter(Precision.FP16, DeviceType.CPU)) {
                assertEquals(ScalarType.Half.value, torch.get_autocast_dtype(DeviceType.CPU).value);
            }
            assertEquals(ScalarType.BFloat16.value, torch.get_autocast_dtype(DeviceType.CPU).value, "restored after the inner scope");
            Tensor a = torch.rand(4, 4);
            assertEquals(ScalarType.BFloat16.value, a.matmul(a).scalar_type().value, "a matrix product runs in bfloat16");
            assertEquals(ScalarType.Float.value, torch.fft_rfft(a).abs().scalar_type().value, "an FFT stays in float32");
        }
        assertFalse(torch.is_autocast_enabled(DeviceType.CPU));
    }

    private static double relativeL2(float[] expected, float[] actual) {
        double dd = 0;
        double rr = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = (double) actual[i] - expected[i];
            dd += d * d;
            rr += (double) expected[i] * expected[i];
        }
        return Math.sqrt(dd / rr);
    }
}
