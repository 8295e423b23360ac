package org.unidefense.report;

import java.awt.Color;

/** Colours of the plots: distinguishable series colours, and fixed ones for the guides. */
public final class Palette {
    private Palette() {
    }

    private static final Color[] SERIES = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(23, 190, 207),
        new Color(188, 189, 34), new Color(127, 127, 127),
    };

    public static final Color BACKGROUND = Color.WHITE;
    public static final Color AXIS = Color.BLACK;
    public static final Color GRID = new Color(225, 225, 225);
    public static final Color GUIDE = new Color(150, 150, 150);
    public static final Color THRESHOLD = Color.BLACK;

    /** The colour of the {@code i}-th series; cycles after ten. */
    public static Color series(int i) {
        return SERIES[Math.floorMod(i, SERIES.length)];
    }
}
