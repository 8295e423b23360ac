package org.unidefense.data;

import java.util.List;

/**
 * One frame of a dataset, as its index lists it.
 *
 * @param path      the item's path as the index gives it (the first field of the index line); what
 *                  the reference reports as the image id
 * @param storeKey  the key (LMDB) or relative path (folder) under which its {@link ImageStore} holds
 *                  the encoded image; it differs from {@code path} where the reference stores
 *                  pre-cropped faces under a derived key (e.g. {@code Oulu_NPU} → {@code Oulu_NPU_crop})
 * @param label     0 = real (bona fide), 1 = fake (forgery or presentation attack)
 * @param videoId   {@code path} up to its last {@code '/'}: the frames of a video share it
 * @param method    the method or attack-type name the sample was selected by (e.g. {@code Deepfakes},
 *                  {@code HQ-Replay}, {@code real})
 * @param source    the source dataset name: the key of its store in {@link DatasetSplit#stores()}
 *                  (e.g. {@code FFpp}, {@code CDF}, {@code O}, {@code HQ})
 * @param box       the face box from the index line, or null when the line has none or the
 *                  reference never crops this source
 * @param landmarks further numbers of the index line after the box (e.g. five landmark points
 *                  as x, y pairs), empty when none
 */
public record Sample(
        String path,
        String storeKey,
        int label,
        String videoId,
        String method,
        String source,
        FaceBox box,
        List<Double> landmarks) {

    public static final int REAL = 0;
    public static final int FAKE = 1;

    public Sample {
        if (label != REAL && label != FAKE) {
            throw new IllegalArgumentException("label must be 0 (real) or 1 (fake), found " + label);
        }
        landmarks = List.copyOf(landmarks);
    }

    /** A sample without a face box whose store key is its path. */
    public static Sample of(String path, int label, String method, String source) {
        return new Sample(path, path, label, videoIdOf(path), method, source, null, List.of());
    }

    /** The reference's video id: the path up to its last {@code '/'} (the whole path when it has none). */
    public static String videoIdOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(0, slash);
    }

    public boolean isFake() {
        return label == FAKE;
    }
}
