package org.unidefense.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Even sampling by decoding in stream order, never by seeking: seeking lands on key frames
 * and container frame counts are estimates (from duration times rate, or a header field a
 * truncated file never fulfils). The first pass keeps the frames the estimate asks for and
 * counts the real frames; when the real count calls for other frames, a second pass fetches
 * the missing ones. Frames kept are bounded by {@code k}, never by the video's length.
 */
final class SequentialSampler {
    private final Path video;
    private final Supplier<FrameStream> opener;

    SequentialSampler(Path video, Supplier<FrameStream> opener) {
        this.video = video;
        this.opener = opener;
    }

    List<Frame> sample(int k) {
        TreeMap<Integer, Frame> kept = new TreeMap<>();
        try {
            int count;
            try (FrameStream stream = opener.get()) {
                long estimate = stream.estimatedFrameCount();
                // null keeps every frame; without an estimate the first pass only counts.
                boolean[] wanted = k <= 0 ? null
                        : estimate > 0 && estimate < Integer.MAX_VALUE ? mask(EvenSpacing.indices((int) estimate, k))
                        : new boolean[0];
                count = 0;
                while (true) {
                    boolean keep = wanted == null || (count < wanted.length && wanted[count]);
                    if (!stream.advance(keep)) {
                        break;
                    }
                    if (keep) {
                        kept.put(count, new Frame(count, stream.retrieve()));
                    }
                    count++;
                }
            }
            if (count == 0) {
                throw new MediaException(video + ": the video has no decodable frame");
            }
            int[] target = EvenSpacing.indices(count, k);
            dropUnwanted(kept, target);
            if (kept.size() < target.length) {
                fetchMissing(kept, target);
            }
            return new ArrayList<>(kept.values());
        } catch (RuntimeException e) {
            kept.values().forEach(Frame::close);
            throw e;
        }
    }

    private static void dropUnwanted(TreeMap<Integer, Frame> kept, int[] target) {
        kept.keySet().removeIf(i -> {
            if (Arrays.binarySearch(target, i) >= 0) {
                return false;
            }
            kept.get(i).close();
            return true;
        });
    }

    private void fetchMissing(TreeMap<Integer, Frame> kept, int[] target) {
        int last = target[target.length - 1];
        boolean[] missing = mask(target);
        kept.keySet().forEach(i -> missing[i] = false);
        try (FrameStream stream = opener.get()) {
            for (int i = 0; i <= last; i++) {
                if (!stream.advance(missing[i])) {
                    throw new MediaException(video + ": the second pass ended at frame " + i
                            + " although the first pass decoded " + (last + 1) + " or more frames");
                }
                if (missing[i]) {
                    kept.put(i, new Frame(i, stream.retrieve()));
                }
            }
        }
    }

    private static boolean[] mask(int[] indices) {
        boolean[] mask = new boolean[indices.length == 0 ? 0 : indices[indices.length - 1] + 1];
        for (int i : indices) {
            mask[i] = true;
        }
        return mask;
    }
}
