package org.unidefense.cli;

import org.unidefense.UserInputException;
import org.unidefense.tensor.DeviceSpec;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --device auto|cpu|cuda|cuda:N}, shared by {@code train}, {@code test}, {@code bench} and
 * {@code predict}. Absent, the model file's {@code config.device} applies (default {@code auto}).
 */
public final class DeviceOption {
    @Option(names = "--device", paramLabel = "DEVICE", converter = Converter.class,
            description = "auto (CUDA when available, else the CPU), cpu, cuda (the GPU of -r/LOCAL_RANK) or cuda:N; "
                    + "replaces config.device (default: config.device, else auto).")
    DeviceSpec device;

    /** The flag's device, or {@code fallback} when the flag was not given. */
    public DeviceSpec orElse(DeviceSpec fallback) {
        return device != null ? device : fallback;
    }

    /** Bad values are usage errors (exit 2), reported by picocli with the flag's name. */
    static final class Converter implements CommandLine.ITypeConverter<DeviceSpec> {
        @Override
        public DeviceSpec convert(String value) {
            try {
                return DeviceSpec.parse(value, "--device");
            } catch (UserInputException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
