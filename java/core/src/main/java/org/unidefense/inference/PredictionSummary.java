package org.unidefense.inference;

import java.util.Locale;

/**
 * Counts over one {@code predict} run, for its final line.
 *
 * @param items   inputs processed (images, videos and unusable paths)
 * @param images  image items
 * @param videos  video items
 * @param faces   face records written
 * @param attacks face records decided as attack
 * @param failed  items (or frames) with an error record
 * @param seconds wall time of decoding, detection, cropping and scoring
 */
public record PredictionSummary(int items, int images, int videos, int faces, int attacks, int failed,
                                double seconds) {
    public String line() {
        return String.format(Locale.ROOT, "predict: %d items (%d images, %d videos), %d faces scored (%d attack, "
                        + "%d real), %d failed, %.1f s (%.1f items/s)", items, images, videos, faces, attacks,
                faces - attacks, failed, seconds, seconds > 0 ? items / seconds : 0.0);
    }
}
