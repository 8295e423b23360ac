package org.unidefense.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.checkpoint.PyTuple;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.data.loader.RgbEncoder;
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
        List<Object> train = new ArrayList<>();
        int k = 0;
        for (String dir : List.of("original_sequences/youtube/c23/frames/000", "manipulated_sequences/Deepfakes/c23/frames/000_001")) {
            for (int f = 0; f < 3; f++) {
                String path = dir + "/000" + f + ".png";
                Path file = root.resolve(path);
                Files.createDirectories(file.getParent());
                Files.write(file, solid(40, 30, 20 + 40 * k++));
                train.add(PyTuple.of(path, dir.startsWith("original") ? 0L : 1L));
            }
        }
        TorchSaveWriter.write(train, root.resolve("pickle_files/train_c23.pickle"));
        TorchSaveWriter.write(train.subList(0, 2), root.resolve("pickle_files/val_c23.pickle"));
        TorchSaveWriter.write(train.subList(0, 2), root.resolve("pickle_files/test_c23.pickle"));
        String transforms = """
                  - name: Resize
                    params: {height: 24, width: 32}
                  - name: HorizontalFlip
                    params: {p: 0.5}
                  - name: Normalize
                    params: {mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5]}
                """;
        Files.writeString(root.resolve("data.yml"), "name: FFpp\nroot: " + root + "\nuse_lmdb: false\n"
                + "compression: c23\nreal_method: [Origin]\nfake_method: [Deepfakes]\n"
                + "num_steps: 10\nlog_steps: 5\nval_steps: 5\n"
                + "train_transforms:\n" + transforms + "val_transforms:\n" + transforms + "test_transforms:\n" + transforms);
        Files.writeString(root.resolve("model.yml"), """
                model:
                  name: UDR18
                  num_classes: 2
                config:
                  distribute: {backend: gloo}
                  find_unused: false
                  warmup_step: 0
                  resume: false
                  resume_best: false
                  debug: false
                  lambda_triplet: 0.1
                  lambda_recons: 0.1
                  lambda_freq: 1.0
                  lambda_mask: 0.1
                  lambda_fac: 0.1
                  optimizer: {name: adamw, lr: 0.0001, betas: [0.9, 0.999], weight_decay: 0.000005, amsgrad: true}
                  crop: nocrop
                  id: show
                data:
                  train_batch_size: 2
                  val_batch_size: 2
                  test_batch_size: 2
                  file: data.yml
                """);
    }

    private static byte[] solid(int height, int width, int red) {
        byte[] hwc = new byte[height * width * 3];
        for (int i = 0; i < hwc.length; i += 3) {
            hwc[i] = (byte) red;
            hwc[i + 1] = 90;
            hwc[i + 2] = (byte) 200;
        }
        return RgbEncoder.encode(Pixels.fromBytes(hwc, height, width, 3), ".png");
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
