package org.unidefense.model.efficientnet;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.tensor.NativeScopes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unidefense.config.MemoryFormat;
import org.unidefense.model.Backbone;
import org.unidefense.model.nn.Activation;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The backbone of UDEB4: an EfficientNet ({@code backbone} in the state dict) whose blocks are cut
 * into 7 groups at {@code delimiter} (B4: [2, 6, 10, 16, 22, 30, 32], its stage ends). The stem
 * and groups 0-4 give the decoder's features, group 5 the attention's embedding, group 6 and the
 * head conv the map that is pooled. Swish throughout; contiguous layout.
 */
public final class EfficientNetGroups implements Backbone {
    private static final Logger LOG = LoggerFactory.getLogger(EfficientNetGroups.class);
    private static final int GROUPS = 7;

    private final EfficientNetBackbone net;
    private final int[] delimiter;
    private final String owner;
    private boolean sizeMismatchLogged;
    private boolean recording;
    private PointerScope recordScope;
    private Tensor group2;
    private Tensor group3;
    private Tensor group6;

    /**
     * @param delimiter block index ending each of the 7 groups, or null for the backbone's stage ends
     * @param owner     the model's name, for messages
     * @throws IllegalArgumentException when the delimiter does not cut {@code params}' blocks into 7 groups
     */
    public EfficientNetGroups(GlobalParams params, int[] delimiter, String owner) {
        this.owner = owner;
        // checked before the (large) backbone is built
        int[] checked = delimiter == null ? null : checkDelimiter(delimiter, EfficientNetBackbone.blockCount(params));
        this.net = EfficientNetBackbone.of(params);
        this.delimiter = checked == null ? net.stageEnds().stream().mapToInt(Integer::intValue).toArray() : checked;
    }

    private static int[] checkDelimiter(int[] d, int blocks) {
        boolean ok = d.length == GROUPS && d[GROUPS - 1] == blocks;
        for (int i = 0; ok && i < d.length; i++) {
            ok = d[i] > (i == 0 ? 0 : d[i - 1]);
        }
        if (!ok) {
            throw new IllegalArgumentException("delimiter must be " + GROUPS + " increasing block indices ending at "
                    + blocks + ", got " + Arrays.toString(d));
        }
        return d.clone();
    }

    public EfficientNetBackbone net() {
        return net;
    }

    public int[] delimiter() {
        return delimiter.clone();
    }

    @Override
    public Map<String, Module> modules() {
        return Map.of("backbone", net);
    }

    /** Output channels of block group {@code g} (its last block's output). */
    private long groupOutputChannels(int g) {
        return net.blocks().get(delimiter[g] - 1).args().outputFilters();
    }

    @Override
    public long featureDepth() {
        return groupOutputChannels(4);
    }

    @Override
    public long attentionDepth() {
        return groupOutputChannels(5);
    }

    @Override
    public long embeddingDepth() {
        return net.numFeatures();
    }

    @Override
    public Activation activation() {
        return Activation.SWISH;
    }

    /**
     * Contiguous: measured in one process on 2 cores, a 2+2 @380² training step took 13.9 s
     * contiguous vs 16.1 s channels-last, and an eval batch of 16 6.98 s vs 7.60 s (oneDNN's
     * channels-last depthwise kernels lose what the 1×1 convolutions gain).
     */
    @Override
    public MemoryFormat preferredMemoryFormat() {
        return MemoryFormat.CONTIGUOUS;
    }

    /** Lukemelas key names, {@code _fc.*} ignored; the SFConv-only parameters keep their initial values. */
    @Override
    public List<String> loadImageNetWeights(Map<String, Tensor> weights, String what) {
        return PretrainedWeights.load(net, weights, what);
    }

    /** Drives the blocks' stochastic depth. */
    @Override
    public void setGenerator(Generator generator) {
        net.setDropConnectGenerator(generator);
    }

    @Override
    public Tensor features(Tensor input) {
        warnOnceIfNotPlannedSize(input);
        // chained: the stem's and the first groups' maps (the largest) are freed once read
        Tensor h = NativeScopes.chain(input, List.of(net::stem, in -> group(in, 0), in -> group(in, 1)));
        Tensor xb2 = group(h, 2);
        Tensor xb3 = group(xb2, 3);
        if (recording) {
            group2 = keep(xb2);
            group3 = keep(xb3);
        }
        return group(xb3, 4);
    }

    @Override
    public Tensor embed(Tensor features) {
        return group(features, 5);
    }

    @Override
    public Tensor finish(Tensor refined) {
        Tensor xb6 = group(refined, 6);
        if (recording) {
            group6 = keep(xb6);
        }
        return net.head(xb6);
    }

    /**
     * Keeps the outputs of groups 2, 3 and 6 of the following forwards for {@link #recorded}
     * (checks against the reference's intermediate maps); off by default.
     */
    public void record(boolean on) {
        recording = on;
        recordScope = on ? PointerScope.getInnerScope() : null;
        if (!on) {
            group2 = group3 = group6 = null;
        }
    }

    /**
     * A recorded map outlives the native scope of the forward part that made it (see
     * UniDefenseNet.run): it joins the scope that was open when recording began.
     */
    private Tensor keep(Tensor t) {
        if (recordScope != null) {
            recordScope.attach(t);
        } else {
            t.retainReference();
        }
        return t;
    }

    /** The outputs of groups 2, 3 and 6 of the last recorded forward. */
    public List<Tensor> recorded() {
        return Arrays.asList(group2, group3, group6);
    }

    private Tensor group(Tensor x, int g) {
        return net.blocks(x, g == 0 ? 0 : delimiter[g - 1], delimiter[g]);
    }

    /** The paddings are planned for image_size; another input size works but differs from training. */
    private void warnOnceIfNotPlannedSize(Tensor x) {
        int planned = net.params().imageSize();
        if (!sizeMismatchLogged && (x.size(-2) != planned || x.size(-1) != planned)) {
            sizeMismatchLogged = true;
            LOG.warn("{}: input is {}x{} but the EfficientNet paddings are planned for image_size {} "
                    + "(as in the reference); set image_size to the input size to plan them for it",
                    owner, x.size(-2), x.size(-1), planned);
        }
    }
}
