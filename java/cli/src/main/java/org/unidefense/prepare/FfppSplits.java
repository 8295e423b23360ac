package org.unidefense.prepare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.unidefense.UserInputException;

/**
 * The official FF++ split files ({@code train.json}, {@code val.json}, {@code test.json} of the
 * FaceForensics repository's {@code dataset/splits}): each a list of id pairs {@code [a, b]}. Both
 * original videos {@code a} and {@code b} belong to the pair's split, and so do the manipulated
 * videos {@code a_b} and {@code b_a}.
 */
public final class FfppSplits {
    private final Map<String, String> splitOfVideo = new HashMap<>();

    private FfppSplits() {
    }

    /** Reads {@code <dir>/<split>.json} for the three splits. */
    public static FfppSplits read(Path dir) {
        FfppSplits s = new FfppSplits();
        ObjectMapper mapper = new ObjectMapper();
        for (String split : FfppLayout.SPLITS) {
            Path file = dir.resolve(split + ".json");
            if (!Files.isRegularFile(file)) {
                throw new UserInputException(file + ": split file not found; put the official train/val/test.json of "
                        + "the FaceForensics repository (dataset/splits) there, or name their folder with --splits");
            }
            JsonNode root;
            try {
                root = mapper.readTree(file.toFile());
            } catch (IOException e) {
                throw new UserInputException(file + ": not valid JSON: " + e.getMessage(), e);
            }
            if (root == null || !root.isArray()) {
                throw new UserInputException(file + ": expected a list of [id, id] pairs");
            }
            for (int i = 0; i < root.size(); i++) {
                JsonNode pair = root.get(i);
                if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                    throw new UserInputException(file + ": entry " + i + " is " + pair + "; expected a pair of video ids "
                            + "such as [\"953\", \"974\"]");
                }
                String a = pair.get(0).asText();
                String b = pair.get(1).asText();
                for (String video : new String[] {a, b, a + "_" + b, b + "_" + a}) {
                    String before = s.splitOfVideo.put(video, split);
                    if (before != null && !before.equals(split)) {
                        throw new UserInputException(file + ": video " + video + " is in both the " + before + " and the "
                                + split + " split");
                    }
                }
            }
        }
        return s;
    }

    /** The split of a video (an original id or a manipulated {@code target_source}), or null when none lists it. */
    public String splitOf(String video) {
        return splitOfVideo.get(video);
    }
}
