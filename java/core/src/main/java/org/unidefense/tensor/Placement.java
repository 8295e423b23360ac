package org.unidefense.tensor;

import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * Moving tensors to the device of the computation. Every helper returns its input unchanged when
 * it is already there, so the CPU path does exactly what it did before devices existed (same
 * tensors, same arithmetic, bit-identical results).
 */
public final class Placement {
    private Placement() {
    }

    /** {@code t} on the device of {@code like} (same dtype as {@code t}); {@code t} itself when already there. */
    public static Tensor onDeviceOf(Tensor t, Tensor like) {
        Device d = like.device();
        return sameDevice(t.device(), d) ? t : t.to(d, t.scalar_type());
    }

    /** {@code t} on the device of {@code like}, in the dtype of {@code like}. */
    public static Tensor likeOf(Tensor t, Tensor like) {
        return onDeviceOf(t, like).to(like.scalar_type());
    }

    /**
     * A host tensor (a loader's batch) on {@code device}. To a GPU it is copied from pinned
     * (page-locked) memory without blocking, so the copy overlaps with the work already queued;
     * CUDA orders it before any kernel that reads the result on the same stream.
     */
    public static Tensor toDevice(Tensor host, DeviceSpec device) {
        return device.isCpu() && host.device().is_cpu() ? host : toDevice(host, device.toTorch());
    }

    /** As {@link #toDevice(Tensor, DeviceSpec)} to the device of {@code module}'s parameters. */
    public static Tensor toDeviceOf(Tensor host, Module module) {
        return toDevice(host, deviceOf(module));
    }

    /** As {@link #toDevice(Tensor, DeviceSpec)} to a libtorch device. */
    public static Tensor toDevice(Tensor host, Device d) {
        if (sameDevice(host.device(), d)) {
            return host;
        }
        // Pinning needs a CUDA runtime: only for a copy to a GPU.
        boolean toGpu = d.is_cuda() && host.device().is_cpu();
        Tensor src = toGpu ? host.pin_memory() : host;
        return src.to(d, src.scalar_type(), toGpu, false, new MemoryFormatOptional());
    }

    /** The device of a module's first parameter (or buffer); the CPU for a module without any. */
    public static Device deviceOf(Module module) {
        TensorVector params = module.parameters(true);
        if (params.size() > 0) {
            return params.get(0).device();
        }
        TensorVector buffers = module.buffers(true);
        return buffers.size() > 0 ? buffers.get(0).device() : new Device("cpu");
    }

    /** A device's name as {@link DeviceSpec} writes it ({@code cpu}, {@code cuda:N}), or its type (e.g. {@code META}). */
    public static String describe(Device d) {
        if (d.is_cpu()) {
            return "cpu";
        }
        if (d.is_cuda()) {
            return "cuda:" + Math.max(0, d.index());
        }
        return d.type().toString();
    }

    /** Same type and, where both name one, the same index (an unindexed CUDA device is the current one). */
    public static boolean sameDevice(Device a, Device b) {
        // Compared by value: the preset hands out a fresh enum object per native call.
        if (a.type().value != b.type().value) {
            return false;
        }
        return !a.has_index() || !b.has_index() || a.index() == b.index();
    }
}
