package org.unidefense.model.efficientnet;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.unidefense.tensor.Tensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamePaddingTest {

    @Test
    void outputSizeIsCeilOfInputOverStride() {
        assertEquals(190, SamePadding.outputSize(380, 2));
        assertEquals(48, SamePadding.outputSize(95, 2));
        assertEquals(95, SamePadding.outputSize(95, 1));
        assertEquals(16, SamePadding.outputSize(32, 2));
    }

    @Test
    void stride2Kernel5OnOddSizeSplitsEvenly() {
        // 95 -> 48 outputs need (48-1)*2 + 5 = 99 input pixels: 4 padding, 2 per side.
        assertEquals(new SamePadding(2, 2, 2, 2), SamePadding.forConv(95, 95, 5, 2));
    }

    @Test
    void stride2Kernel5OnEvenSizePutsTheOddPixelRightAndBottom() {
        // 32 -> 16 outputs need 15*2 + 5 = 35 pixels: 3 padding, 1 before and 2 after.
        assertEquals(new SamePadding(1, 2, 1, 2), SamePadding.forConv(32, 32, 5, 2));
    }

    @Test
    void stride2Kernel3OnEvenSizePadsOnlyRightAndBottom() {
        // 380 -> 190 outputs need 189*2 + 3 = 381 pixels.
        assertEquals(new SamePadding(0, 1, 0, 1), SamePadding.forConv(380, 380, 3, 2));
    }

    @Test
    void stride1PadsKernelMinusOneAndPointwiseConvsNothing() {
        assertEquals(new SamePadding(1, 1, 1, 1), SamePadding.forConv(24, 24, 3, 1));
        assertEquals(new SamePadding(2, 2, 2, 2), SamePadding.forConv(12, 12, 5, 1));
        assertTrue(SamePadding.forConv(12, 12, 1, 1).isNone());
    }

    @Test
    void rectangularInputPlansEachAxisSeparately() {
        // height 95 -> 4 (2/2), width 32 -> 3 (1/2)
        assertEquals(new SamePadding(1, 2, 2, 2), SamePadding.forConv(95, 32, 5, 2));
    }

    @Test
    void applyPadsWithZerosInLeftRightTopBottomOrder() {
        Tensor x = Tensors.fromFloats(new float[]{1, 2, 3, 4}, 1, 1, 2, 2);
        Tensor y = new SamePadding(0, 1, 1, 0).apply(x);
        assertArrayEquals(new long[]{1, 1, 3, 3}, Tensors.shape(y));
        assertArrayEquals(new float[]{0, 0, 0, 1, 2, 0, 3, 4, 0}, Tensors.toFloats(y), 0f);
        assertSame(x, SamePadding.NONE.apply(x));
    }
}
