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
            int count = 0;
            try (FrameStream stream = opener.get()) {
                long estimate = stream.estimatedFrameCount();
                // null keeps every frame; without an estimate the first pass only counts.
                int[] wanted = k <= 0 ? null
                        : estimate > 0 && estimate < Integer.MAX_VALUE ? EvenSpacing.indices((int) estimate, k)
                        : new int[0];
                int next = 0; // position in wanted: both ascend, so no lookup table sized by a bogus estimate
                while (true) {
                    boolean keep = wanted == null || (next < wanted.length && wanted[next] == count);
                    if (!stream.advance(keep)) {
                        break;
                    }
                    if (keep) {
                        kept.put(count, new Frame(count, stream.retrieve()));
                        next++;
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
        int[] missing = Arrays.stream(target).filter(i -> !kept.containsKey(i)).toArray();
        int next = 0;
        try (FrameStream stream = opener.get()) {
            for (int i = 0; next < missing.length; i++) {
                boolean keep = missing[next] == i;
                if (!stream.advance(keep)) {
                    throw new MediaException(video + ": the second pass ended at frame " + i
                            + " although the first pass decoded " + (target[target.length - 1] + 1) + " or more frames");
                }
                if (keep) {
                    kept.put(i, new Frame(i, stream.retrieve()));
                    next++;
                }
            }
        }
    }
}
