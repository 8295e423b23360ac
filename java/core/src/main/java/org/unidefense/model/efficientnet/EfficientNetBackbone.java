package org.unidefense.model.efficientnet;

import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.tensor.NativeScopes;
import org.unidefense.profile.Trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.bytedeco.pytorch.global.torch.adaptive_avg_pool2d;

/**
 * EfficientNet without its classification top: stem, the MBConv blocks of all stages, and the
 * 1×1 head conv. Submodule names follow the reference ({@code _conv_stem}, {@code _bn0},
 * {@code _blocks.N}, {@code _conv_head}, {@code _bn1}) so state dicts load by name.
 *
 * <p>Paddings are planned for {@link GlobalParams#imageSize()}, not for the actual input. With
 * {@link GlobalParams#freqNorm()} set, the depthwise convs of every stage except the first two
 * and the last are spatial-frequency convs.
 */
public class EfficientNetBackbone extends Module {
    private final GlobalParams params;
    private final SamePaddingConv2d convStem;
    private final BatchNorm2dImpl bn0;
    private final Module blockList;
    private final List<MBConvBlock> blocks = new ArrayList<>();
    private final List<Integer> stageEnds = new ArrayList<>();
    private final SamePaddingConv2d convHead;
    private final BatchNorm2dImpl bn1;
    private final int headChannels;

    public EfficientNetBackbone(List<BlockArgs> stages, GlobalParams params) {
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("an EfficientNet needs at least one stage");
        }
        this.params = params;
        int size = params.imageSize();
        int stemChannels = params.roundFilters(32);
        convStem = register_module("_conv_stem", SamePaddingConv2d.create(params.inChannels(), stemChannels, 3, 2, 1,
                false, size, size));
        bn0 = register_module("_bn0", MBConvBlock.batchNorm(stemChannels, params));
        size = SamePadding.outputSize(size, 2);

        // Kept in a field: a registered Java-allocated Module whose Java peer is garbage-collected
        // breaks native calls that reach it (eval() threw a NullPointerException).
        blockList = register_module("_blocks", new Module());
        BlockArgs last = null;
        for (int stage = 0; stage < stages.size(); stage++) {
            boolean spatialFrequency = params.freqNorm() != null && stage > 1 && stage < stages.size() - 1;
            BlockArgs args = stages.get(stage).scaledBy(params);
            addBlock(new MBConvBlock(args, params, size, spatialFrequency));
            size = SamePadding.outputSize(size, args.stride());
            BlockArgs repeated = args.repeated();
            for (int r = 1; r < args.numRepeat(); r++) {
                addBlock(new MBConvBlock(repeated, params, size, spatialFrequency));
            }
            stageEnds.add(blocks.size());
            last = repeated;
        }

        headChannels = params.roundFilters(1280);
        convHead = register_module("_conv_head",
                SamePaddingConv2d.create(last.outputFilters(), headChannels, 1, 1, 1, false, size, size));
        bn1 = register_module("_bn1", MBConvBlock.batchNorm(headChannels, params));
    }

    /** The standard EfficientNet stage table scaled by {@code params} (e.g. {@code GlobalParams.of("efficientnet-b4")}). */
    public static EfficientNetBackbone of(GlobalParams params) {
        return new EfficientNetBackbone(defaultStages(), params);
    }

    /** How many blocks {@link #of} builds for these settings (without building them). */
    public static int blockCount(GlobalParams params) {
        return defaultStages().stream().mapToInt(s -> params.roundRepeats(s.numRepeat())).sum();
    }

    public static List<BlockArgs> defaultStages() {
        return GlobalParams.B0_BLOCKS.stream().map(BlockArgs::parse).toList();
    }

    private void addBlock(MBConvBlock block) {
        blockList.register_module(Integer.toString(blocks.size()), block);
        blocks.add(block);
    }

    public GlobalParams params() {
        return params;
    }

    public List<MBConvBlock> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    /** Index one past the last block of each stage, e.g. [2, 6, 10, 16, 22, 30, 32] for B4. */
    public List<Integer> stageEnds() {
        return Collections.unmodifiableList(stageEnds);
    }

    /** Channels of the head's output. */
    public int numFeatures() {
        return headChannels;
    }

    /** Random source of stochastic depth in every block (null: libtorch's default generator). */
    public void setDropConnectGenerator(Generator generator) {
        blocks.forEach(b -> b.setDropConnectGenerator(generator));
    }

    public Tensor stem(Tensor x) {
        // chained: the conv's and the norm's maps are freed as soon as read
        return NativeScopes.chain(x, List.of(in -> Trace.module(convStem, in, convStem::forward),
                in -> Trace.module(bn0, in, bn0::forward), Swish::apply));
    }

    /**
     * Blocks {@code from} (inclusive) to {@code to} (exclusive). Block i drops its residual
     * branch in training with rate {@code dropConnectRate * i / blockCount}.
     */
    public Tensor blocks(Tensor x, int from, int to) {
        List<UnaryOperator<Tensor>> stages = new ArrayList<>();
        for (int i = from; i < to; i++) {
            double rate = dropConnectRate(i);
            MBConvBlock block = blocks.get(i);
            stages.add(in -> Trace.module(block, in, b -> block.forward(b, rate)));
        }
        return NativeScopes.chain(x, stages);
    }

    /** The stochastic-depth rate block {@code i} uses in training: {@code dropConnectRate * i / blockCount}. */
    public double dropConnectRate(int i) {
        return params.dropConnectRate() * ((double) i / blocks.size());
    }

    public Tensor head(Tensor x) {
        return NativeScopes.chain(x, List.of(in -> Trace.module(convHead, in, convHead::forward),
                in -> Trace.module(bn1, in, bn1::forward), Swish::apply));
    }

    /** Stem, all blocks and head: the feature map before pooling. */
    public Tensor features(Tensor x) {
        return head(blocks(stem(x), 0, blocks.size()));
    }

    /** Globally average-pooled features, [N, numFeatures]. */
    public Tensor pooledFeatures(Tensor x) {
        return adaptive_avg_pool2d(features(x), 1, 1).flatten(1, -1);
    }
}
