package org.unidefense.model.nn;

import org.unidefense.tensor.Spectra;
import org.unidefense.tensor.FftNorm;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.unidefense.tensor.NativeScopes;
import org.unidefense.tensor.Tensors;

import static org.bytedeco.pytorch.global.torch.adaptive_avg_pool2d;
import static org.bytedeco.pytorch.global.torch.constant_pad_nd;
import static org.bytedeco.pytorch.global.torch.conv2d;
import static org.bytedeco.pytorch.global.torch.empty;
import static org.bytedeco.pytorch.global.torch.sigmoid;

/**
 * Spatial-frequency convolution: a normal convolution mixed with a frequency branch
 * (rfft2, a dense 1x1 convolution over the real/imaginary channels, irfft2 back to the input
 * size, adaptive average pooling down to the spatial output when strided), weighted by
 * sigmoid({@code sf_coef}).
 *
 * <p>Parameters are named as the reference's Conv2d subclass names them: {@code weight},
 * {@code bias} (only if enabled), {@code sf_coef}, then the child {@code freq_conv.weight}.
 * The EfficientNet variant's static "same" padding is an explicit zero padding of the spatial
 * branch only; the frequency branch always sees the unpadded input.
 */
public class SFConv2d extends Module implements UnaryModule {
    private final long stride;
    private final long padding;
    private final long dilation;
    private final long groups;
    private final long[] explicitPadding;
    private final FftNorm freqNorm;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor sfCoef;
    private final Conv2dImpl freqConv;

    private SFConv2d(Builder b) {
        super("SFConv2d");
        if (b.in % b.groups != 0 || b.out % b.groups != 0) {
            throw new IllegalArgumentException("channels " + b.in + "->" + b.out + " not divisible by groups " + b.groups);
        }
        this.stride = b.stride;
        this.padding = b.padding;
        this.dilation = b.dilation;
        this.groups = b.groups;
        this.explicitPadding = b.explicitPadding;
        this.freqNorm = b.freqNorm;
        long fanIn = (b.in / b.groups) * b.kernel * b.kernel;
        double bound = 1.0 / Math.sqrt(fanIn); // nn.Conv2d's default kaiming_uniform(a=sqrt(5)) bound
        // register_parameter returns a reference into the module's parameter list, which moves
        // when the list grows: keep our own handle (sharing the same storage) instead.
        try (NoGradGuard g = new NoGradGuard()) {
            this.weight = new Tensor(register_parameter("weight",
                    empty(b.out, b.in / b.groups, b.kernel, b.kernel).uniform_(-bound, bound, new GeneratorOptional())));
            this.bias = b.bias ? new Tensor(register_parameter("bias", empty(b.out).uniform_(-bound, bound, new GeneratorOptional()))) : null;
            // -10 as in the reference: the frequency branch starts almost switched off.
            this.sfCoef = new Tensor(register_parameter("sf_coef", Tensors.fromFloats(new float[]{-10f})));
        }
        this.freqConv = register_module("freq_conv",
                new Conv2dImpl(Layers.conv2dOptions(2 * b.in, 2 * b.out, 1, 1, 0, 1, 1, false)));
    }

    public static Builder builder(long in, long out, long kernel) {
        return new Builder(in, out, kernel);
    }

    public Tensor weight() {
        return weight;
    }

    public Conv2dImpl freqConv() {
        return freqConv;
    }

    @Override
    public Tensor forward(Tensor x) {
        long height = x.size(-2);
        long width = x.size(-1);
        Tensor coef = sigmoid(sfCoef);
        // (1 - c)·spatial + c·frequency, as the reference computes it; each branch in its own
        // native scope so that its temporaries (the spectra) are freed before the next one runs.
        // The sum stays out of place: under bf16 autocast the spatial product is bf16 and the
        // frequency one float32, and the promoted sum is what the bf16 parity bound was set on.
        Tensor spatial = NativeScopes.scoped(() -> {
            Tensor padded = explicitPadding == null ? x : constant_pad_nd(x, explicitPadding);
            return coef.neg().add(new Scalar(1.0)).mul(conv2d(padded, weight,
                    bias == null ? new TensorOptional() : new TensorOptional(bias), new long[]{stride, stride},
                    new long[]{padding, padding}, new long[]{dilation, dilation}, groups));
        });
        Tensor frequency = NativeScopes.scoped(() -> {
            Tensor f = Spectra.mixedInverse(x, freqConv.weight(), height, width, freqNorm);
            if (f.size(-2) != spatial.size(-2) || f.size(-1) != spatial.size(-1)) {
                f = adaptive_avg_pool2d(f, spatial.size(-2), spatial.size(-1));
            }
            return coef.mul(f);
        });
        return spatial.add(frequency);
    }

    public static final class Builder {
        private final long in;
        private final long out;
        private final long kernel;
        private long stride = 1;
        private long padding = 0;
        private long dilation = 1;
        private long groups = 1;
        private boolean bias = true;
        private long[] explicitPadding;
        private FftNorm freqNorm = FftNorm.BACKWARD;

        private Builder(long in, long out, long kernel) {
            this.in = in;
            this.out = out;
            this.kernel = kernel;
        }

        public Builder stride(long s) {
            this.stride = s;
            return this;
        }

        /** Symmetric padding of the convolution itself (nn.Conv2d's {@code padding}). */
        public Builder padding(long p) {
            this.padding = p;
            return this;
        }

        public Builder dilation(long d) {
            this.dilation = d;
            return this;
        }

        /** Depthwise when equal to the channel count; the frequency 1x1 conv stays dense. */
        public Builder groups(long g) {
            this.groups = g;
            return this;
        }

        /** nn.Conv2d's default is a bias; the UniDefense models pass bias=False. */
        public Builder bias(boolean b) {
            this.bias = b;
            return this;
        }

        /** nn.ZeroPad2d((left, right, top, bottom)) before the spatial convolution only. */
        public Builder explicitPadding(long left, long right, long top, long bottom) {
            this.explicitPadding = (left | right | top | bottom) == 0 ? null : new long[]{left, right, top, bottom};
            return this;
        }

        /** The reference's {@code freq_norm}; {@code None} there is {@link FftNorm#BACKWARD}. */
        public Builder freqNorm(FftNorm n) {
            this.freqNorm = n;
            return this;
        }

        public SFConv2d build() {
            return new SFConv2d(this);
        }
    }
}
