package org.unidefense.model.resnet;

import org.unidefense.tensor.FftNorm;
import org.unidefense.model.nn.IndexedSequential;

/** The two residual block kinds of the reference's ResNets. */
public enum BlockType {
    BASIC(BasicBlock.EXPANSION),
    BOTTLENECK(Bottleneck.EXPANSION);

    private final int expansion;

    BlockType(int expansion) {
        this.expansion = expansion;
    }

    public int expansion() {
        return expansion;
    }

    ResidualBlock create(long inplanes, long planes, long stride, IndexedSequential downsample, FftNorm freqNorm) {
        return this == BASIC
                ? new BasicBlock(inplanes, planes, stride, downsample, freqNorm)
                : new Bottleneck(inplanes, planes, stride, downsample, freqNorm);
    }
}
