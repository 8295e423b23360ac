package org.unidefense.config;

/**
 * What to do with an item that cannot be read or decoded ({@code data.on_error}): stop the run
 * with the item's name ({@code fail}, the default and what the reference does), or leave the item
 * out and go on ({@code skip}).
 */
public enum OnError implements ConfigChoice {
    FAIL("fail"),
    SKIP("skip");

    private final String key;

    OnError(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
