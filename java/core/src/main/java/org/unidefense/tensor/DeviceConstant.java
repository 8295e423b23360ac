package org.unidefense.tensor;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A constant tensor (a filter kernel) computed once on the CPU and kept once per device and dtype
 * it is asked for, so a GPU step does not rebuild it and copy it over on every call. The copies
 * belong to this object, not to the PointerScope of the step that first asked for them.
 */
public final class DeviceConstant {
    private final Supplier<Tensor> cpuValue;
    private final Map<String, Tensor> copies = new ConcurrentHashMap<>();

    /** @param cpuValue computes the constant on the CPU (called once per device and dtype) */
    public DeviceConstant(Supplier<Tensor> cpuValue) {
        this.cpuValue = cpuValue;
    }

    /** The constant on the device and in the dtype of {@code like}. */
    public Tensor like(Tensor like) {
        String key = Placement.describe(like.device()) + "/" + like.scalar_type();
        return copies.computeIfAbsent(key, k -> {
            try (PointerScope own = new PointerScope()) {
                return Placement.likeOf(cpuValue.get(), like).retainReference();
            }
        });
    }
}
