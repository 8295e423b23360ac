package org.unidefense.data.loader;

/** A pixel rectangle {@code [x1, x2) x [y1, y2)} to cut from a decoded image. */
public record CropBox(int x1, int y1, int x2, int y2) {
    public int width() {
        return x2 - x1;
    }

    public int height() {
        return y2 - y1;
    }

    /** The whole image. */
    public static CropBox full(int width, int height) {
        return new CropBox(0, 0, width, height);
    }

    /** This box clipped to an image of the given size, as the reference clamps before slicing. */
    public CropBox clippedTo(int width, int height) {
        return new CropBox(Math.max(0, x1), Math.max(0, y1), Math.min(width, x2), Math.min(height, y2));
    }
}
