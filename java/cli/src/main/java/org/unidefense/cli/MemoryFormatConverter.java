package org.unidefense.cli;

import org.unidefense.config.MemoryFormat;
import picocli.CommandLine.ITypeConverter;

/**
 * Lets {@code --memory-format} take the configuration spelling ({@link MemoryFormat#parse}). It lives in the CLI
 * so that the core module's {@code config} package does not depend on picocli.
 */
public final class MemoryFormatConverter implements ITypeConverter<MemoryFormat> {
    @Override
    public MemoryFormat convert(String value) {
        return MemoryFormat.parse(value);
    }
}
