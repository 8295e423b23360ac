package org.unidefense.cli;

import org.unidefense.UserInputException;
import org.unidefense.config.Precision;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Lets {@code --precision} take the configuration spelling ({@link Precision#parse}). It lives in the CLI
 * so that the core module's {@code config} package does not depend on picocli.
 */
public final class PrecisionConverter implements ITypeConverter<Precision> {
    @Override
    public Precision convert(String value) {
        try {
            return Precision.parse(value);
        } catch (UserInputException e) {
            // picocli prints its own message plus the exception's class otherwise
            throw new TypeConversionException(e.getMessage());
        }
    }
}
