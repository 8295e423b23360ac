package org.unidefense.media;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks shared by the decoders, so every back end reports a bad path the same way. */
final class VideoFiles {
    private VideoFiles() {
    }

    static void requireReadableFile(Path video) {
        if (Files.isDirectory(video)) {
            throw new MediaException(video + ": is a directory, not a video file");
        }
        if (!Files.exists(video)) {
            throw new MediaException(video + ": no such file");
        }
        if (!Files.isReadable(video)) {
            throw new MediaException(video + ": cannot be read (permission denied)");
        }
        try {
            if (Files.size(video) == 0) {
                throw new MediaException(video + ": is empty (0 bytes), not a video");
            }
        } catch (java.io.IOException e) {
            throw new MediaException(video + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
