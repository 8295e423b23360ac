package org.unidefense.data;

/**
 * A face box as an index line gives it: top-left corner and size in pixels of the stored image
 * (fields 3 to 6 of a line {@code path label x y w h ...}).
 */
public record FaceBox(int x, int y, int width, int height) {
}
