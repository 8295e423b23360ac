package org.unidefense.config;

import org.unidefense.UserInputException;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A configuration value chosen from a fixed vocabulary: an enum whose constants carry their YAML
 * spelling. The config reader parses it once ({@code Section.choice(key, default, type)}, which
 * names file, line, key and the allowed values on a bad value); code downstream gets the enum,
 * never the string.
 */
public interface ConfigChoice {
    /** The spelling in a configuration file. */
    String key();

    /** Every spelling of {@code type}, in declaration order, for messages. */
    static <E extends Enum<E> & ConfigChoice> List<String> keys(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigChoice::key).toList();
    }

    /**
     * The constant spelled {@code value}, for a value given outside a configuration file (a
     * command-line option); a bad one is reported with {@code what} (e.g. {@code --on_error}) and
     * the allowed spellings. Configuration files go through {@code Section.choice}, which adds file
     * and line.
     */
    static <E extends Enum<E> & ConfigChoice> E parse(Class<E> type, String value, String what) {
        return lookup(type, value).orElseThrow(() -> new UserInputException(
                what + ": expected one of " + keys(type) + ", found '" + value + "'"));
    }

    /** The constant spelled {@code key} exactly (as the reference compares such values). */
    static <E extends Enum<E> & ConfigChoice> Optional<E> lookup(Class<E> type, String key) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.key().equals(key)).findFirst();
    }
}
