package org.unidefense.config;

import org.unidefense.UserInputException;

import java.util.Arrays;
import java.util.List;

/**
 * How 4-D activations and convolution weights are laid out in memory ({@code config.memory_format},
 * a project extension). With {@code channels_last} (NHWC) oneDNN's convolutions read and write
 * the tensors directly; with {@code contiguous} (NCHW, PyTorch's default and the reference's)
 * every convolution reorders its input, output and gradients into a blocked layout and back,
 * which took over a third of oneDNN's time in a UDR18 training step here (docs/performance.md).
 * The values computed are the same up to float32 rounding. Unless configured, each architecture
 * uses the layout measured faster for it ({@code UniDefenseModel.preferredMemoryFormat}).
 */
public enum MemoryFormat {
    CONTIGUOUS("contiguous"),
    CHANNELS_LAST("channels_last");

    private final String key;

    MemoryFormat(String key) {
        this.key = key;
    }

    /** The configuration and command-line spelling. */
    public String key() {
        return key;
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(MemoryFormat::key).toList();
    }

    public static MemoryFormat parse(String value) {
        for (MemoryFormat f : values()) {
            if (f.key.equalsIgnoreCase(value)) {
                return f;
            }
        }
        throw new UserInputException("unknown memory format '" + value + "'; expected one of " + keys());
    }
}
