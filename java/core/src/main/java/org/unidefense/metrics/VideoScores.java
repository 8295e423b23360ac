package org.unidefense.metrics;

import java.util.List;

/** One score and label per video, in order of each video's first frame; {@code videoIds.get(i)} names sample i. */
public record VideoScores(List<String> videoIds, ScoreSet scores) {
    public VideoScores {
        videoIds = List.copyOf(videoIds);
    }
}
