package org.unidefense.model.recce;

import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.model.nn.CompositeModule;
import org.unidefense.model.nn.Layer;
import org.unidefense.model.nn.Layers;

import java.util.ArrayList;
import java.util.List;

/**
 * The Cadene-style Xception of timm ({@code legacy_xception}, called {@code xception} in the
 * timm 0.3 that RECCE pins), with its key names: {@code conv1/bn1/act1}, {@code conv2/bn2/act2}
 * (valid 3x3 convs), {@code block1..12}, {@code conv3/bn3/act3}, {@code conv4/bn4/act4} and the
 * ImageNet head {@code fc} (2048→1000). RECCE never calls {@code fc}; it is kept so that RECCE
 * checkpoints and timm's ImageNet file load strictly. RECCE runs the stages itself, so this
 * class exposes them instead of a forward.
 */
public final class XceptionEncoder extends CompositeModule {
    public static final long FEATURES = 2048;
    public static final long IMAGENET_CLASSES = 1000;
    /** Channels of the middle flow (blocks 3 to 11). */
    public static final long MIDDLE = 728;

    private final Layer conv1;
    private final Layer bn1;
    private final Layer act1;
    private final Layer conv2;
    private final Layer bn2;
    private final Layer act2;
    private final List<XceptionBlock> blocks = new ArrayList<>();
    private final Layer conv3;
    private final Layer bn3;
    private final Layer act3;
    private final Layer conv4;
    private final Layer bn4;
    private final Layer act4;

    public XceptionEncoder() {
        super("Xception");
        conv1 = register(Layers.conv2d(3, 32, 3, 2, 0, false), "conv1");
        bn1 = register(Layers.batchNorm2d(32, true), "bn1");
        act1 = register(Layers.relu(), "act1");
        conv2 = register(Layers.conv2d(32, 64, 3, 1, 0, false), "conv2");
        bn2 = register(Layers.batchNorm2d(64, true), "bn2");
        act2 = register(Layers.relu(), "act2");
        addBlock(new XceptionBlock(64, 128, 2, 2, false, true));
        addBlock(new XceptionBlock(128, 256, 2, 2));
        addBlock(new XceptionBlock(256, MIDDLE, 2, 2));
        for (int i = 4; i <= 11; i++) {
            addBlock(new XceptionBlock(MIDDLE, MIDDLE, 3, 1));
        }
        addBlock(new XceptionBlock(MIDDLE, 1024, 2, 2, true, false));
        conv3 = register(Layer.of(new SeparableConv2d(1024, 1536)), "conv3");
        bn3 = register(Layers.batchNorm2d(1536, true), "bn3");
        act3 = register(Layers.relu(), "act3");
        conv4 = register(Layer.of(new SeparableConv2d(1536, FEATURES)), "conv4");
        bn4 = register(Layers.batchNorm2d(FEATURES, true), "bn4");
        act4 = register(Layers.relu(), "act4");
        register_module("fc", new LinearImpl(FEATURES, IMAGENET_CLASSES));
    }

    private void addBlock(XceptionBlock block) {
        blocks.add(block);
        register_module("block" + blocks.size(), block);
    }

    /** conv1, bn1, act1, conv2, bn2, act2: 3 → 64 channels, (S-3)/2+1-2 pixels. */
    public Tensor stem(Tensor x) {
        return act2.forward(bn2.forward(conv2.forward(act1.forward(bn1.forward(conv1.forward(x))))));
    }

    /** {@code blockN}, 1-based as in the key names. */
    public XceptionBlock block(int n) {
        return blocks.get(n - 1);
    }

    /** Blocks {@code from..to} (inclusive, 1-based) in order. */
    public Tensor blocks(Tensor x, int from, int to) {
        Tensor y = x;
        for (int n = from; n <= to; n++) {
            y = block(n).forward(y);
        }
        return y;
    }

    /** conv3, bn3, act3, conv4, bn4, act4: the exit flow after block12, 1024 → 2048 channels. */
    public Tensor exit(Tensor x) {
        return act4.forward(bn4.forward(conv4.forward(act3.forward(bn3.forward(conv3.forward(x))))));
    }
}
