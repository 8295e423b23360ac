package org.unidefense.data;

import org.unidefense.UserInputException;

import java.util.Locale;

/**
 * What to do with an item that cannot be read or decoded ({@code data.on_error}): stop the run
 * with the item's name ({@code fail}, the default and what the reference does), or leave the item
 * out and go on ({@code skip}).
 */
public enum OnError {
    FAIL,
    SKIP;

    /** The value of {@code data.on_error}; null means the default, {@link #FAIL}. */
    public static OnError parse(String value) {
        if (value == null) {
            return FAIL;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "fail" -> FAIL;
            case "skip" -> SKIP;
            default -> throw new UserInputException("data.on_error: expected 'fail' or 'skip', found '" + value + "'");
        };
    }

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
