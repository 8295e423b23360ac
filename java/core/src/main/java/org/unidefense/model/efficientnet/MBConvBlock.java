package org.unidefense.model.efficientnet;

import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.profile.Trace;
import org.unidefense.tensor.NativeScopes;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.bytedeco.pytorch.global.torch.adaptive_avg_pool2d;
import static org.bytedeco.pytorch.global.torch.sigmoid;

/**
 * Mobile inverted residual bottleneck: 1×1 expansion, depthwise conv, squeeze-excitation,
 * 1×1 projection, and a residual connection with stochastic depth when the block keeps its
 * resolution and width. Submodules are named like the reference ({@code _expand_conv}, {@code _bn0},
 * {@code _depthwise_conv}, {@code _bn1}, {@code _se_reduce}, {@code _se_expand},
 * {@code _project_conv}, {@code _bn2}).
 */
public class MBConvBlock extends Module {
    private final BlockArgs args;
    private final SamePaddingConv2d expandConv;
    private final BatchNorm2dImpl bn0;
    private final DepthwiseConv depthwiseConv;
    private final BatchNorm2dImpl bn1;
    private final SamePaddingConv2d seReduce;
    private final SamePaddingConv2d seExpand;
    private final SamePaddingConv2d projectConv;
    private final BatchNorm2dImpl bn2;
    private Generator dropConnectGenerator;
    private final List<UnaryOperator<Tensor>> stages;

    /**
     * @param args        this block's (already scaled) arguments
     * @param params      model-wide settings (BN momentum and epsilon, SFConv norm)
     * @param plannedSize input size the depthwise padding is planned for
     * @param spatialFrequency whether the depthwise conv is an SFConv (stages 2 to n-2 of the reference)
     */
    public MBConvBlock(BlockArgs args, GlobalParams params, int plannedSize, boolean spatialFrequency) {
        this.args = args;
        int inp = args.inputFilters();
        int oup = args.expandedFilters();
        if (args.expandRatio() != 1) {
            expandConv = register_module("_expand_conv",
                    SamePaddingConv2d.create(inp, oup, 1, 1, 1, false, plannedSize, plannedSize));
            bn0 = register_module("_bn0", batchNorm(oup, params));
        } else {
            expandConv = null;
            bn0 = null;
        }
        depthwiseConv = spatialFrequency
                ? DepthwiseConv.spatialFrequency(oup, args.kernelSize(), args.stride(), plannedSize, params.freqNorm())
                : DepthwiseConv.plain(oup, args.kernelSize(), args.stride(), plannedSize);
        register_module("_depthwise_conv", depthwiseConv.module());
        bn1 = register_module("_bn1", batchNorm(oup, params));
        if (args.hasSqueezeExcitation()) {
            int squeezed = args.squeezedFilters();
            seReduce = register_module("_se_reduce", SamePaddingConv2d.create(oup, squeezed, 1, 1, 1, true, 1, 1));
            seExpand = register_module("_se_expand", SamePaddingConv2d.create(squeezed, oup, 1, 1, 1, true, 1, 1));
        } else {
            seReduce = null;
            seExpand = null;
        }
        int outSize = SamePadding.outputSize(plannedSize, args.stride());
        projectConv = register_module("_project_conv",
                SamePaddingConv2d.create(oup, args.outputFilters(), 1, 1, 1, false, outSize, outSize));
        bn2 = register_module("_bn2", batchNorm(args.outputFilters(), params));
        stages = stages();
    }

    static BatchNorm2dImpl batchNorm(int channels, GlobalParams params) {
        BatchNormOptions o = new BatchNormOptions(channels);
        o.momentum().put(params.batchNormMomentum());
        o.eps().put(params.batchNormEpsilon());
        return new BatchNorm2dImpl(o);
    }

    public BlockArgs args() {
        return args;
    }

    public DepthwiseConv depthwiseConv() {
        return depthwiseConv;
    }

    /** Random source of stochastic depth in training (null: libtorch's default generator). */
    public void setDropConnectGenerator(Generator generator) {
        this.dropConnectGenerator = generator;
    }

    /**
     * @param dropConnectRate stochastic-depth rate of this block (used in training only)
     */
    public Tensor forward(Tensor inputs, double dropConnectRate) {
        // chained: each map (up to 6x the block's channels) is freed once the next layer has read it
        Tensor x = NativeScopes.chain(inputs, stages);
        if (args.hasResidual()) {
            if (dropConnectRate > 0) {
                x = DropConnect.apply(x, dropConnectRate, is_training(), dropConnectGenerator);
            }
            x.add_(inputs); // in place on a fresh output that backward does not need
        }
        return x;
    }

    private List<UnaryOperator<Tensor>> stages() {
        List<UnaryOperator<Tensor>> s = new ArrayList<>();
        if (expandConv != null) {
            s.add(x -> Trace.module(expandConv, x, expandConv::forward));
            s.add(bn0::forward);
            s.add(Swish::apply);
        }
        s.add(x -> Trace.module(depthwiseConv.module(), x, depthwiseConv::forward));
        s.add(bn1::forward);
        s.add(Swish::apply);
        if (seReduce != null) {
            s.add(this::squeezeExcite);
        }
        s.add(x -> Trace.module(projectConv, x, projectConv::forward));
        s.add(bn2::forward);
        return List.copyOf(s);
    }

    private Tensor squeezeExcite(Tensor x) {
        Tensor s = adaptive_avg_pool2d(x, 1, 1);
        s = seExpand.forward(Swish.apply(seReduce.forward(s)));
        return sigmoid(s).mul(x);
    }
}
