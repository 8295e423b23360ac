package org.unidefense.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference's frames-per-video resampling ({@code _resample}): group the items by video id
 * (videos in order of first appearance), keep videos with at most {@code fpv} frames whole, and
 * from longer ones draw {@code fpv} frames without replacement from the seeded numpy generator,
 * sorted by path.
 */
public final class FramesPerVideo {
    private FramesPerVideo() {
    }

    /**
     * Resamples {@code samples}; {@code fpv == null} keeps everything. The generator advances by
     * one permutation per video longer than {@code fpv}, as numpy's global state does in the reference.
     */
    public static List<Sample> resample(List<Sample> samples, Integer fpv, NumpyRandom random) {
        if (fpv == null) {
            return samples;
        }
        Map<String, List<Sample>> videos = new LinkedHashMap<>();
        for (Sample s : samples) {
            videos.computeIfAbsent(s.videoId(), k -> new ArrayList<>()).add(s);
        }
        List<Sample> out = new ArrayList<>();
        for (List<Sample> frames : videos.values()) {
            if (frames.size() <= fpv) {
                out.addAll(frames);
                continue;
            }
            List<Sample> picked = new ArrayList<>(fpv);
            for (int i : random.choiceWithoutReplacement(frames.size(), fpv)) {
                picked.add(frames.get(i));
            }
            picked.sort(Comparator.comparing(Sample::path));
            out.addAll(picked);
        }
        return out;
    }
}
