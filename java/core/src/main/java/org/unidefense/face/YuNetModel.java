package org.unidefense.face;

import java.nio.file.Files;
import java.nio.file.Path;

import org.unidefense.UserInputException;
import org.unidefense.model.weights.WeightsHash;

/**
 * The YuNet model file the user puts in {@code ckpt/}: its name, where it comes from and its
 * SHA-256 (see ckpt/README.md). The whole hash is checked before OpenCV parses the file, so a
 * truncated download or a saved HTML page is a clear error.
 */
public final class YuNetModel {
    public static final String FILE = "face_detection_yunet_2023mar.onnx";
    public static final String SHA256 = "8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4";
    public static final String SOURCE = "https://github.com/opencv/opencv_zoo/tree/main/models/face_detection_yunet";

    private YuNetModel() {
    }

    /**
     * The verified model file: {@code given} when set, else {@code ckpt/} + {@link #FILE} in the
     * working directory.
     *
     * @throws UserInputException when it is missing or its SHA-256 is not the published one
     */
    public static Path locate(Path given) {
        Path file = given != null ? given : Path.of("ckpt", FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file.toAbsolutePath() + ": the YuNet face detector model is not there. Download "
                    + FILE + " from " + SOURCE + " into ckpt/ (SHA-256 " + SHA256 + "; see ckpt/README.md), "
                    + "or use --detector haar (the default, no download).");
        }
        String actual = WeightsHash.sha256(file);
        if (!actual.equals(SHA256)) {
            throw new UserInputException(file + ": SHA-256 " + actual + " is not that of " + FILE + " (" + SHA256
                    + "): the download is incomplete or another file (a Git LFS pointer or an HTML page?). "
                    + "Download it again from " + SOURCE + ".");
        }
        return file;
    }
}
