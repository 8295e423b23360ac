package org.unidefense.data;

/**
 * The part of a decoded image to keep: columns {@code [x1, x2)} and rows {@code [y1, y2)},
 * already clamped to the image.
 */
public record CropRect(int x1, int y1, int x2, int y2) {

    public int width() {
        return Math.max(0, x2 - x1);
    }

    public int height() {
        return Math.max(0, y2 - y1);
    }

    public boolean isEmpty() {
        return width() == 0 || height() == 0;
    }

    /** The whole image. */
    public static CropRect full(int imageWidth, int imageHeight) {
        return new CropRect(0, 0, imageWidth, imageHeight);
    }
}
