package org.unidefense.tensor;

import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.unidefense.config.Precision;

import static org.bytedeco.pytorch.global.torch.get_autocast_dtype;
import static org.bytedeco.pytorch.global.torch.is_autocast_cache_enabled;
import static org.bytedeco.pytorch.global.torch.is_autocast_enabled;
import static org.bytedeco.pytorch.global.torch.set_autocast_cache_enabled;
import static org.bytedeco.pytorch.global.torch.set_autocast_dtype;
import static org.bytedeco.pytorch.global.torch.set_autocast_enabled;

/**
 * libtorch's autocast for the current thread, as Python's {@code torch.autocast(device, dtype)}
 * block: convolutions, linear layers and matrix products run in bfloat16 or float16, while the
 * operations on autocast's float32 list (FFTs, {@code l1_loss}, {@code kl_div},
 * {@code cross_entropy}, linear algebra, ...) run in float32 whatever their inputs. The previous
 * state is restored on close, so scopes nest. For {@link Precision#FP32} it does nothing.
 *
 * <p>The weight-cast cache is switched off inside the scope: Python clears it when the outermost
 * block exits ({@code at::autocast::clear_cache}), which the preset does not map, and a cache
 * that is never cleared would keep every bfloat16 copy of the weights alive after the update.
 */
public final class Autocast implements AutoCloseable {
    private final DeviceType device;
    private final boolean active;
    private final boolean wasEnabled;
    private final ScalarType previousType;
    private final boolean previousCache;

    private Autocast(DeviceType device, Precision precision) {
        this.device = device;
        this.active = precision != Precision.FP32;
        this.wasEnabled = is_autocast_enabled(device);
        this.previousType = get_autocast_dtype(device);
        this.previousCache = is_autocast_cache_enabled();
        if (active) {
            set_autocast_dtype(device, lowPrecisionType(precision));
            set_autocast_enabled(device, true);
            set_autocast_cache_enabled(false);
        }
    }

    /** Enters autocast for {@code device}'s kernels in {@code precision} (nothing for fp32). */
    public static Autocast enter(Precision precision, DeviceType device) {
        return new Autocast(device, precision);
    }

    /** The low-precision type of {@code precision}. */
    public static ScalarType lowPrecisionType(Precision precision) {
        return switch (precision) {
            case BF16 -> ScalarType.BFloat16;
            case FP16 -> ScalarType.Half;
            case FP32 -> ScalarType.Float;
        };
    }

    @Override
    public void close() {
        if (active) {
            set_autocast_enabled(device, wasEnabled);
            set_autocast_dtype(device, previousType);
            set_autocast_cache_enabled(previousCache);
        }
    }
}
