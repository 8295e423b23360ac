package org.unidefense.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Frame scores to video scores as the reference's engines do: the video of a frame is its path
 * up to the last '/', and a video's score is the mean of its frames' scores (summed in frame
 * order). Videos keep the order in which their first frame appears.
 *
 * <p>The reference averages the frame labels too; a video whose frames disagree would get a
 * fractional label (which scikit-learn then rejects), so it is reported here by name instead.
 * The reference sums float32 frame scores in float32; here the sum is in double.
 */
public final class VideoAggregator {
    private VideoAggregator() {
    }

    /** {@code path.rsplit('/', 1)[0]}: the path without its last component, or the path itself without '/'. */
    public static String videoIdOf(String framePath) {
        int slash = framePath.lastIndexOf('/');
        return slash < 0 ? framePath : framePath.substring(0, slash);
    }

    public static VideoScores aggregate(List<String> framePaths, int[] labels, double[] scores) {
        ScoreSet frames = ScoreSet.of("frame level", labels, scores);
        if (framePaths == null || framePaths.size() != frames.size()) {
            throw new InvalidMetricInputException("video level: " + (framePaths == null ? 0 : framePaths.size())
                    + " frame paths but " + frames.size() + " scores; expected one path per score");
        }
        Map<String, Video> videos = new LinkedHashMap<>();
        for (int i = 0; i < frames.size(); i++) {
            String path = framePaths.get(i);
            if (path == null) {
                throw new InvalidMetricInputException("video level: frame path at index " + i + " is missing");
            }
            String id = videoIdOf(path);
            Video v = videos.computeIfAbsent(id, k -> new Video());
            if (v.frames == 0) {
                v.label = frames.label(i);
            } else if (v.label != frames.label(i)) {
                throw new InvalidMetricInputException("video level: video '" + id + "' mixes labels "
                        + v.label + " and " + frames.label(i) + " (frame '" + path
                        + "'); all frames of a video must have one label");
            }
            v.sum += frames.score(i);
            v.frames++;
        }
        List<String> ids = new ArrayList<>(videos.keySet());
        int[] videoLabels = new int[ids.size()];
        double[] videoScores = new double[ids.size()];
        int k = 0;
        for (Video v : videos.values()) {
            videoLabels[k] = v.label;
            videoScores[k] = v.sum / v.frames;
            k++;
        }
        return new VideoScores(ids, ScoreSet.of("video level", videoLabels, videoScores));
    }

    private static final class Video {
        int label;
        double sum;
        int frames;
    }
}
