package org.unidefense.media;

import java.util.Locale;

/**
 * The largest picture (image or video frame, in pixels) this process decodes. Checked against the
 * size a file declares before decoding it, so a small file declaring a huge picture is refused
 * instead of allocating gigabytes. The default, 50 megapixels, passes any camera photo (a 48 MP
 * phone picture is 8000×6000); {@code predict --max-megapixels} changes it.
 */
public final class PixelLimit {
    public static final long DEFAULT = 50_000_000L;
    private static volatile long max = DEFAULT;

    private PixelLimit() {
    }

    public static long max() {
        return max;
    }

    /** Sets the limit for this process (a positive number of pixels). */
    public static void set(long pixels) {
        if (pixels <= 0) {
            throw new IllegalArgumentException("pixel limit must be positive, found " + pixels);
        }
        max = pixels;
    }

    /** Throws a {@link MediaException} naming {@code source} if a {@code width}×{@code height} picture is over the limit. */
    public static void check(long width, long height, String source, String what) {
        if (width <= 0 || height <= 0) {
            return; // unknown or nonsense: the decoder reports it
        }
        if (width * height > max) {
            throw new MediaException(String.format(Locale.ROOT,
                    "%s: %s declares %d×%d pixels (%.1f MP), over the limit of %.1f MP; refused without decoding"
                            + " (raise it with --max-megapixels if the file is genuine)",
                    source, what, width, height, width * height / 1e6, max / 1e6));
        }
    }
}
