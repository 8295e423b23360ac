package org.unidefense.inference;

import java.nio.file.Path;

/**
 * One thing to score, as found on the command line: an image, a video, or a path that could not
 * be used (then {@code problem} says why and it becomes an error record).
 */
public record InputItem(Path path, Kind kind, String problem) {
    public enum Kind { IMAGE, VIDEO, UNUSABLE }

    static InputItem image(Path p) {
        return new InputItem(p, Kind.IMAGE, null);
    }

    static InputItem video(Path p) {
        return new InputItem(p, Kind.VIDEO, null);
    }

    static InputItem unusable(Path p, String problem) {
        return new InputItem(p, Kind.UNUSABLE, problem);
    }
}
