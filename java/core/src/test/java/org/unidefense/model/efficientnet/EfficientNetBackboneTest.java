package org.unidefense.model.efficientnet;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.bytedeco.pytorch.global.torch.ones;
import static org.bytedeco.pytorch.global.torch.set_num_threads;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Structure of the B4 backbone with plain depthwise convs (the SFConv variant is tested in UDEB4Test). */
class EfficientNetBackboneTest {
    private static EfficientNetBackbone at380;
    private static EfficientNetBackbone at128;

    @BeforeAll
    static void build() {
        set_num_threads(2);
        GlobalParams b4 = GlobalParams.of("efficientnet-b4");
        at380 = EfficientNetBackbone.of(b4);
        at128 = EfficientNetBackbone.of(b4.withImageSize(128));
    }

    @Test
    void b4HasThirtyTwoBlocksEndingStagesAtTheReferenceDelimiters() {
        assertEquals(32, at380.blocks().size());
        assertEquals(32, EfficientNetBackbone.blockCount(at380.params()));
        assertEquals(List.of(2, 6, 10, 16, 22, 30, 32), at380.stageEnds());
        assertEquals(1792, at380.numFeatures());
    }

    @Test
    void onlyBlock6DepthwisePaddingDependsOnThePlannedSize() {
        // 380: stem 190, stage 1 -> 95 (odd), block 6 (k5 s2) pads 2/2. 128: 64, 32 (even), pads 1/2.
        assertEquals(new SamePadding(2, 2, 2, 2), at380.blocks().get(6).depthwiseConv().padding());
        assertEquals(new SamePadding(1, 2, 1, 2), at128.blocks().get(6).depthwiseConv().padding());
        for (int i = 0; i < 32; i++) {
            if (i != 6) {
                assertEquals(at380.blocks().get(i).depthwiseConv().padding(),
                        at128.blocks().get(i).depthwiseConv().padding(), "block " + i);
            }
        }
    }

    @Test
    void stageFirstBlocksCarryTheStrideAndRepeatsKeepTheWidth() {
        List<MBConvBlock> b = at380.blocks();
        assertEquals(2, b.get(2).args().stride());
        assertEquals(1, b.get(3).args().stride());
        assertEquals(32, b.get(3).args().inputFilters());
        assertFalse(b.get(2).args().hasResidual());
        assertTrue(b.get(3).args().hasResidual());
        assertEquals(5, b.get(22).args().kernelSize());
    }

    @Test
    void parameterNamesFollowTheReference() {
        Set<String> names = new HashSet<>();
        StringTensorDict np = at380.named_parameters();
        for (long i = 0; i < np.size(); i++) {
            names.add(np.get(i).key().getString());
        }
        assertTrue(names.contains("_conv_stem.weight"));
        assertTrue(names.contains("_blocks.0._depthwise_conv.weight"));
        assertFalse(names.contains("_blocks.0._expand_conv.weight"), "expand ratio 1 has no expansion");
        assertTrue(names.contains("_blocks.1._se_reduce.bias"));
        assertTrue(names.contains("_blocks.31._project_conv.weight"));
        assertTrue(names.contains("_conv_head.weight"));
        assertTrue(names.contains("_bn1.bias"));
        assertArrayEquals(new long[]{12, 48, 1, 1},
                at380.named_parameters().get("_blocks.0._se_reduce.weight").sizes().vec().get());
    }

    @Test
    void aPlannedFor380ModelStillMapsA128InputToTheSameShapes() {
        at380.eval();
        at128.eval();
        try (NoGradGuard g = new NoGradGuard()) {
            Tensor x = ones(1, 3, 128, 128);
            Tensor a = at380.blocks(at380.stem(x), 0, 10);
            Tensor b = at128.blocks(at128.stem(x), 0, 10);
            assertArrayEquals(new long[]{1, 56, 16, 16}, a.sizes().vec().get());
            assertArrayEquals(a.sizes().vec().get(), b.sizes().vec().get());
        }
    }
}
