package org.unidefense.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.data.loader.TinyFfpp;
import org.unidefense.data.transform.Pixels;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code data show} on a tiny FaceForensics++ layout written here (folder store, no LMDB). */
class DataShowCommandTest {
    @TempDir
    Path root;

    private void writeFfpp() throws IOException {
        TinyFfpp.write(root);
    }

    @Test
    void writesAGridOfTheRequestedSamplesWithCaptions() throws IOException {
        writeFfpp();
        Path png = root.resolve("grid.png");
        MainTest.Run run = new MainTest.Run("data", "show", "--config", root.resolve("model.yml").toString(),
                "--split", "train", "--n", "5", "--out", png.toString());
        assertEquals(0, run.code, run.err);
        assertTrue(run.out.contains("5 samples of train (3 real, 2 fake)"), run.out);
        // 5 images -> 3 columns x 2 rows of 32x24 cells, each over a 14-pixel caption band.
        try (Mat grid = imread(png.toString(), IMREAD_COLOR)) {
            assertEquals(3 * 32, grid.cols());
            assertEquals(2 * (24 + 14), grid.rows());
            // The first cell shows a sample's pixels un-normalised: blue channel 200 (BGR file, index 0).
            byte[] bgr = Pixels.bytes(grid);
            assertEquals(200, bgr[0] & 0xFF);
            assertEquals(90, bgr[1] & 0xFF);
        }
    }

    @Test
    void aDatasetFileAloneWorksAndABadSplitNameIsRejected() throws IOException {
        writeFfpp();
        Path png = root.resolve("test.png");
        MainTest.Run run = new MainTest.Run("data", "show", "--config", root.resolve("data.yml").toString(),
                "--split", "test", "--n", "16", "--out", png.toString());
        assertEquals(0, run.code, run.err);
        assertTrue(run.out.contains("2 samples of test (2 real, 0 fake)"), run.out);
        try (Mat grid = imread(png.toString(), IMREAD_COLOR)) {
            assertEquals(2 * 32, grid.cols(), "two images: two columns");
            assertEquals(24 + 14, grid.rows());
        }
        MainTest.Run bad = new MainTest.Run("data", "show", "--config", root.resolve("data.yml").toString(),
                "--split", "dev", "--out", png.toString());
        assertEquals(ExitCodes.BAD_INPUT, bad.code);
        assertTrue(bad.err.contains("--split"), bad.err);
    }
}
