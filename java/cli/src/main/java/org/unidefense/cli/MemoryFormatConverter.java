package org.unidefense.cli;

import org.unidefense.UserInputException;
import org.unidefense.config.MemoryFormat;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Lets {@code --memory-format} take the configuration spelling ({@link MemoryFormat#parse}). It lives in the CLI
 * so that the core module's {@code config} package does not depend on picocli.
 */
public final class MemoryFormatConverter implements ITypeConverter<MemoryFormat> {
    @Override
    public MemoryFormat convert(String value) {
        try {
            return MemoryFormat.parse(value);
        } catch (UserInputException e) {
            // picocli prints its own message plus the exception's class otherwise
            throw new TypeConversionException(e.getMessage());
        }
    }
}
