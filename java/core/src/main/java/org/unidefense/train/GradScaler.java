package org.unidefense.train;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import static org.bytedeco.pytorch.global.torch.isfinite;

/**
 * Dynamic loss scaling for float16 training, with the rules of {@code torch.cuda.amp.GradScaler}:
 * the loss is multiplied by the scale before backward so that small float16 gradients do not
 * underflow; before each optimizer update the gradients are divided by it in place and checked;
 * an update whose gradients hold an Inf or NaN is skipped and the scale is multiplied by
 * {@code backoffFactor}; after {@code growthInterval} updates in a row without one, the scale is
 * multiplied by {@code growthFactor}. The reference builds {@code GradScaler(init_scale=2**10)}
 * (PyTorch's other defaults) but never enables it on CPU; here it is used with
 * {@code precision: fp16} only ({@link #DISABLED} otherwise, which changes nothing).
 */
public final class GradScaler {
    /** Scale 1, never skips: the fp32/bf16 path. */
    public static final GradScaler DISABLED = new GradScaler(1.0, 2.0, 0.5, Integer.MAX_VALUE, false);

    /** The reference's {@code init_scale=2**10}. */
    public static final double REFERENCE_INIT_SCALE = 1024;

    private final double growthFactor;
    private final double backoffFactor;
    private final int growthInterval;
    private final boolean enabled;
    private double scale;
    private int growthTracker;

    public GradScaler(double initScale, double growthFactor, double backoffFactor, int growthInterval, boolean enabled) {
        if (!(initScale > 0) || !(growthFactor > 1) || !(backoffFactor > 0 && backoffFactor < 1) || growthInterval < 1) {
            throw new IllegalArgumentException("GradScaler needs initScale > 0, growthFactor > 1, 0 < backoffFactor < 1, "
                    + "growthInterval >= 1");
        }
        this.scale = initScale;
        this.growthFactor = growthFactor;
        this.backoffFactor = backoffFactor;
        this.growthInterval = growthInterval;
        this.enabled = enabled;
    }

    /** PyTorch's defaults (growth 2, backoff 0.5, interval 2000) with the reference's initial scale. */
    public static GradScaler reference() {
        return new GradScaler(REFERENCE_INIT_SCALE, 2.0, 0.5, 2000, true);
    }

    public boolean enabled() {
        return enabled;
    }

    /** The current scale (1 when disabled). */
    public double scale() {
        return enabled ? scale : 1.0;
    }

    /** Updates in a row without an Inf/NaN since the last change of scale. */
    public int growthTracker() {
        return growthTracker;
    }

    /** {@code loss × scale} (the loss itself when disabled). */
    public Tensor scale(Tensor loss) {
        return enabled ? loss.mul(new Scalar(scale)) : loss;
    }

    /**
     * Divides every gradient of {@code optimizer} by the scale in place, then runs its update unless
     * a gradient is not finite, then updates the scale.
     *
     * @return whether the optimizer stepped
     */
    public boolean step(GroupedOptimizer optimizer) {
        if (!enabled) {
            optimizer.step();
            return true;
        }
        optimizer.scaleGradients(1.0 / scale);
        boolean finite = allFinite(optimizer);
        if (finite) {
            optimizer.step();
        }
        update(!finite);
        return finite;
    }

    /** The scale rule after one update attempt. */
    void update(boolean foundInf) {
        if (foundInf) {
            scale *= backoffFactor;
            growthTracker = 0;
        } else if (++growthTracker == growthInterval) {
            scale *= growthFactor;
            growthTracker = 0;
        }
    }

    private static boolean allFinite(GroupedOptimizer optimizer) {
        try (NoGradGuard ignored = new NoGradGuard()) {
            for (ParamGroup group : optimizer.groups()) {
                for (Tensor p : group.params()) {
                    Tensor g = p.grad();
                    if (g != null && g.defined() && !isfinite(g).all().item_bool()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
