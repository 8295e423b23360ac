package org.unidefense.data;

import org.unidefense.UserInputException;

/**
 * {@code config.crop}: {@code nocrop} reads the stored face crops whole; {@code 4p} cuts the index
 * line's face box, widened by a margin, out of the stored frame.
 */
public enum CropMode {
    NOCROP("nocrop"),
    FOUR_POINT("4p");

    private final String configValue;

    CropMode(String configValue) {
        this.configValue = configValue;
    }

    public String configValue() {
        return configValue;
    }

    public static CropMode parse(String value) {
        for (CropMode m : values()) {
            if (m.configValue.equals(value)) {
                return m;
            }
        }
        throw new UserInputException("config.crop: expected 'nocrop' or '4p', found '" + value + "'");
    }
}
