package org.unidefense.tensor;

import org.bytedeco.pytorch.Device;
import org.unidefense.UserInputException;

import java.util.Locale;
import java.util.Map;

/**
 * Where tensors live: {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N}, as written in
 * {@code config.device}, {@code --device} and {@code Detector.Builder.device}. One parser for all
 * of them; {@link #resolve} turns a request into a concrete device ({@code cpu} or {@code cuda:N}).
 *
 * <p>{@code auto} is CUDA when libtorch sees a GPU (the {@code gpu} build on a CUDA machine), else
 * the CPU. {@code cuda} without an index and {@code auto} on a GPU take the process's local rank
 * as the index, as the reference does with {@code -r N} and {@code LOCAL_RANK} (one GPU per worker).
 *
 * @param kind  what was asked for
 * @param index the CUDA device index, or -1 when none was given (always -1 for auto and cpu)
 */
public record DeviceSpec(Kind kind, int index) {
    public enum Kind { AUTO, CPU, CUDA }

    public static final DeviceSpec AUTO = new DeviceSpec(Kind.AUTO, -1);
    public static final DeviceSpec CPU = new DeviceSpec(Kind.CPU, -1);

    /** What {@code mvn -Pgpu package} is, named in every "no CUDA" error. */
    static final String GPU_BUILD_HINT = "CUDA needs the GPU build of this program (mvn -Pgpu package, see docs/gpu.md) "
            + "on a machine with an NVIDIA GPU and driver; use --device cpu (or config.device: cpu) otherwise";

    public DeviceSpec {
        if (kind == null || (kind != Kind.CUDA && index != -1) || index < -1) {
            throw new IllegalArgumentException("bad device " + kind + ":" + index);
        }
    }

    public static DeviceSpec cuda(int index) {
        return new DeviceSpec(Kind.CUDA, index);
    }

    /**
     * Parses {@code text} (case and surrounding blanks ignored); {@code where} names the key or flag
     * for the error message, e.g. {@code "--device"} or {@code "model file m.yml: config.device"}.
     */
    public static DeviceSpec parse(String text, String where) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "auto":
                return AUTO;
            case "cpu":
                return CPU;
            case "cuda":
            case "gpu":
                return new DeviceSpec(Kind.CUDA, -1);
            default:
                break;
        }
        if (t.startsWith("cuda:")) {
            String n = t.substring("cuda:".length());
            if (!n.isEmpty() && n.chars().allMatch(Character::isDigit) && n.length() < 4) {
                return cuda(Integer.parseInt(n));
            }
        }
        throw new UserInputException(where + ": expected auto, cpu, cuda or cuda:N (N a GPU index), found '" + text + "'");
    }

    /** Whether libtorch can run on a GPU here, and how many it sees; replaceable in tests. */
    public interface CudaProbe {
        boolean available();

        int deviceCount();

        /** libtorch's own answer: {@code torch::cuda::is_available()} and {@code device_count()}. */
        CudaProbe LIBTORCH = new CudaProbe() {
            @Override
            public boolean available() {
                return org.bytedeco.pytorch.global.torch.cuda_is_available();
            }

            @Override
            public int deviceCount() {
                return org.bytedeco.pytorch.global.torch.cuda_device_count();
            }
        };

        /** A machine without CUDA (what every build here and the CPU build anywhere report). */
        CudaProbe NONE = new CudaProbe() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public int deviceCount() {
                return 0;
            }
        };
    }

    /** As {@link #resolve(int, CudaProbe)} with libtorch's probe. */
    public DeviceSpec resolve(int localRank) {
        return resolve(localRank, CudaProbe.LIBTORCH);
    }

    /**
     * The concrete device: {@code cpu} or {@code cuda:N}. {@code auto} and {@code cuda} take
     * {@code localRank} as N. A CUDA request without CUDA, or an index past the GPUs present, is a
     * {@link UserInputException} (exit code 3) naming the {@code gpu} build.
     */
    public DeviceSpec resolve(int localRank, CudaProbe probe) {
        if (kind == Kind.CPU) {
            return CPU;
        }
        boolean available = probe.available();
        if (kind == Kind.AUTO && !available) {
            return CPU;
        }
        if (!available) {
            throw new UserInputException("device '" + this + "': CUDA is not available (this build or machine has no "
                    + "CUDA device). " + GPU_BUILD_HINT);
        }
        int n = index >= 0 ? index : localRank;
        int count = probe.deviceCount();
        if (n >= count) {
            throw new UserInputException("device '" + this + "'" + (index >= 0 ? "" : " with local rank " + localRank)
                    + " selects cuda:" + n + ", but this machine has " + count + " CUDA device" + (count == 1 ? "" : "s"));
        }
        return cuda(n);
    }

    /**
     * The local rank that picks the GPU, as the reference reads it: {@code LOCAL_RANK} from the
     * environment under {@code launch}/torchrun, otherwise {@code -r/--local_rank}.
     */
    public static int localRank(Map<String, String> environment, int cliLocalRank) {
        String v = environment.get("LOCAL_RANK");
        if (v == null || v.isBlank()) {
            return cliLocalRank;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UserInputException("distributed environment: LOCAL_RANK=\"" + v + "\" is not an integer");
        }
    }

    public boolean isCuda() {
        return kind == Kind.CUDA;
    }

    public boolean isCpu() {
        return kind == Kind.CPU;
    }

    /** The libtorch device of a resolved spec. */
    public Device toTorch() {
        if (kind == Kind.AUTO || (kind == Kind.CUDA && index < 0)) {
            throw new IllegalStateException("device '" + this + "' is not resolved");
        }
        return new Device(toString());
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case CUDA -> index < 0 ? "cuda" : "cuda:" + index;
        };
    }
}
