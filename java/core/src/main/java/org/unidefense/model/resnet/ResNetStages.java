package org.unidefense.model.resnet;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.GeneratorOptional;
import org.unidefense.model.StateDicts;
import org.unidefense.tensor.FftNorm;
import org.unidefense.model.nn.IndexedSequential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * timm's make_blocks for output stride 32 without dilation: stage i has planes 64·2^i, stride 1
 * for the first stage and 2 after, a 1x1 projection shortcut on the first block when the shape
 * changes, and (the reference's change) SFConv only from the second stage on.
 */
public final class ResNetStages {
    private static final long[] PLANES = {64, 128, 256, 512};

    private ResNetStages() {
    }

    /** The first {@code repeats.length} stages, fed by the 64-channel stem. */
    public static List<IndexedSequential> build(BlockType type, int[] repeats, FftNorm freqNorm) {
        List<IndexedSequential> stages = new ArrayList<>();
        long inplanes = 64;
        for (int s = 0; s < repeats.length; s++) {
            long planes = PLANES[s];
            long stride = s == 0 ? 1 : 2;
            long outplanes = planes * type.expansion();
            FftNorm stageNorm = s == 0 ? null : freqNorm;
            IndexedSequential stage = new IndexedSequential();
            for (int b = 0; b < repeats[s]; b++) {
                IndexedSequential downsample = b == 0 && (stride != 1 || inplanes != outplanes)
                        ? ResidualBlock.projection(inplanes, outplanes, stride) : null;
                stage.add(type.create(inplanes, planes, b == 0 ? stride : 1, downsample, stageNorm));
                inplanes = outplanes;
            }
            stages.add(stage);
        }
        return stages;
    }

    /**
     * timm's ResNet.init_weights on a backbone: every conv weight (including SFConv's own and
     * its freq_conv) kaiming-normal with fan_out and ReLU gain; BatchNorms 1 and 0, then the
     * last BatchNorm of each block 0 so blocks start as identities. Pretrained weights usually
     * overwrite all but the SFConv tensors.
     */
    static void initialize(org.bytedeco.pytorch.Module backbone, List<IndexedSequential> stages) {
        try (NoGradGuard g = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : StateDicts.of(backbone).entrySet()) {
                Tensor t = e.getValue();
                if (t.dim() == 4) {
                    double fanOut = t.size(0) * t.size(2) * t.size(3);
                    t.normal_(0.0, Math.sqrt(2.0 / fanOut), new GeneratorOptional());
                }
            }
            for (IndexedSequential stage : stages) {
                for (int i = 0; i < stage.size(); i++) {
                    ResidualBlock block = (ResidualBlock) stage.get(i).module();
                    StateDicts.of(block.lastNorm().module()).get("weight").zero_();
                }
            }
        }
    }
}
