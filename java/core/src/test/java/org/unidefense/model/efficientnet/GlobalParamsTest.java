package org.unidefense.model.efficientnet;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GlobalParamsTest {
    private final GlobalParams b4 = GlobalParams.of("efficientnet-b4");

    @Test
    void b4UsesItsPublishedCoefficientsAndTfBatchNormSettings() {
        assertEquals(1.4, b4.widthCoefficient());
        assertEquals(1.8, b4.depthCoefficient());
        assertEquals(380, b4.imageSize());
        assertEquals(0.01, b4.batchNormMomentum());
        assertEquals(1e-3, b4.batchNormEpsilon());
        assertEquals(0.2, b4.dropConnectRate());
    }

    @Test
    void roundFiltersRoundsScaledWidthToMultiplesOfEight() {
        // 32*1.4 = 44.8 -> int(48.8)//8*8 = 48;  1280*1.4 = 1792 exactly
        assertEquals(48, b4.roundFilters(32));
        assertEquals(1792, b4.roundFilters(1280));
        // 16*1.4 = 22.4 -> int(26.4)//8*8 = 24;  40*1.4 = 56;  80*1.4 = 112;  192*1.4 = 268.8 -> 272
        assertEquals(24, b4.roundFilters(16));
        assertEquals(56, b4.roundFilters(40));
        assertEquals(112, b4.roundFilters(80));
        assertEquals(272, b4.roundFilters(192));
        assertEquals(448, b4.roundFilters(320));
    }

    @Test
    void roundFiltersNeverGoesMoreThanTenPercentBelow() {
        // width 1.0, divisor 8: 12 -> int(16)//8*8 = 16 ; 9 -> int(13)//8*8 = 8 (< 0.9*9? no: 8 < 8.1 -> 16)
        GlobalParams b0 = GlobalParams.of("efficientnet-b0");
        assertEquals(16, b0.roundFilters(12));
        assertEquals(16, b0.roundFilters(9));
        assertEquals(8, b0.roundFilters(3));
    }

    @Test
    void roundRepeatsRoundsUp() {
        assertEquals(2, b4.roundRepeats(1));
        assertEquals(4, b4.roundRepeats(2));
        assertEquals(6, b4.roundRepeats(3));
        assertEquals(8, b4.roundRepeats(4));
    }

    @Test
    void unknownVariantIsRejectedWithTheValidNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GlobalParams.of("efficientnet-b9"));
        assertTrue(e.getMessage().contains("efficientnet-b4"));
    }

    @Test
    void blockStringsDecodeEveryOption() {
        BlockArgs a = BlockArgs.parse("r2_k5_s22_e6_i24_o40_se0.25");
        assertEquals(new BlockArgs(2, 5, 2, 6, 24, 40, 0.25, true), a);
        BlockArgs noSe = BlockArgs.parse("r1_k3_s1_e1_i32_o16_noskip");
        assertFalse(noSe.hasSqueezeExcitation());
        assertFalse(noSe.idSkip());
        assertThrows(IllegalArgumentException.class, () -> BlockArgs.parse("r1_k3_s12_e1_i32_o16"));
        assertThrows(IllegalArgumentException.class, () -> BlockArgs.parse("r1_k3_e1_i32_o16"));
    }

    @Test
    void b4StagesScaleToTheReferenceChannelsAndRepeats() {
        List<BlockArgs> stages = EfficientNetBackbone.defaultStages().stream().map(s -> s.scaledBy(b4)).toList();
        assertEquals(List.of(2, 4, 4, 6, 6, 8, 2), stages.stream().map(BlockArgs::numRepeat).toList());
        assertEquals(List.of(24, 32, 56, 112, 160, 272, 448), stages.stream().map(BlockArgs::outputFilters).toList());
        assertEquals(List.of(48, 24, 32, 56, 112, 160, 272), stages.stream().map(BlockArgs::inputFilters).toList());
        // squeeze-excitation width comes from the stage's input channels: 48*0.25 = 12
        assertEquals(12, stages.get(0).squeezedFilters());
    }
}
