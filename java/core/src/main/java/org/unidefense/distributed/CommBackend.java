package org.unidefense.distributed;

import org.unidefense.UserInputException;

import java.util.Locale;

/**
 * The c10d backend of {@code config.distribute.backend}: Gloo (CPU tensors, TCP) or NCCL (CUDA
 * tensors). Both sit behind libtorch's {@code c10d::Backend} interface, so the collectives code is
 * the same for either.
 */
public enum CommBackend {
    GLOO, NCCL;

    /** {@code gloo} or {@code nccl} (any case); null or blank means gloo. */
    public static CommBackend parse(String name) {
        if (name == null || name.isBlank()) {
            return GLOO;
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "gloo" -> GLOO;
            case "nccl" -> NCCL;
            default -> throw new UserInputException("config.distribute.backend: expected 'gloo' or 'nccl', found '"
                    + name + "'");
        };
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
