package org.unidefense.config;

/**
 * {@code config.crop}: {@code nocrop} reads the stored face crops whole; {@code 4p} cuts the index
 * line's face box, widened by a margin, out of the stored frame.
 */
public enum CropMode implements ConfigChoice {
    NOCROP("nocrop"),
    FOUR_POINT("4p");

    private final String key;

    CropMode(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
