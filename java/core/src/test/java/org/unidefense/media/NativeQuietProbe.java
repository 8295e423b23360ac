package org.unidefense.media;

import java.nio.file.Path;

/** A separate process for {@link NativeMessagesTest}: decodes the video given and prints our message only. */
public final class NativeQuietProbe {
    private NativeQuietProbe() {
    }

    public static void main(String[] args) {
        try {
            new FfmpegVideoDecoder().sample(Path.of(args[0]), 2);
            System.out.println("decoded");
        } catch (MediaException e) {
            System.out.println("message: " + e.getMessage());
        }
    }
}
