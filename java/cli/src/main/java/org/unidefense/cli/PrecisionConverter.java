package org.unidefense.cli;

import org.unidefense.config.Precision;
import picocli.CommandLine.ITypeConverter;

/**
 * Lets {@code --precision} take the configuration spelling ({@link Precision#parse}). It lives in the CLI
 * so that the core module's {@code config} package does not depend on picocli.
 */
public final class PrecisionConverter implements ITypeConverter<Precision> {
    @Override
    public Precision convert(String value) {
        return Precision.parse(value);
    }
}
