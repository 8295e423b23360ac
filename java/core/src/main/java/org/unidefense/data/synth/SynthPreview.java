package org.unidefense.data.synth;

import java.nio.file.Path;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * Writes a PNG grid of synthetic samples for a human to look at: one row per identity, one column
 * per {@link SampleKind} (bona fide first). Usage: {@code SynthPreview out.png [size] [rows] [seed]}.
 */
public final class SynthPreview {
    private SynthPreview() {
    }

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "synth-preview.png");
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 128;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        writeGrid(out, size, rows, seed);
        System.out.println("wrote " + out);
    }

    public static void writeGrid(Path out, int size, int rows, long seed) {
        SyntheticFaces faces = new SyntheticFaces(size);
        SampleKind[] kinds = SampleKind.values();
        try (PointerScope scope = new PointerScope()) {
            Mat grid = new Mat(rows * size, kinds.length * size, CV_8UC3);
            for (int r = 0; r < rows; r++) {
                for (int k = 0; k < kinds.length; k++) {
                    try (Mat sample = faces.render(seed + r, seed * 1000 + r, kinds[k])) {
                        sample.copyTo(new Mat(grid, new Rect(k * size, r * size, size, size)));
                    }
                }
            }
            Mat bgr = new Mat();
            cvtColor(grid, bgr, COLOR_RGB2BGR);
            if (!imwrite(out.toString(), bgr)) {
                throw new IllegalStateException("could not write " + out);
            }
        }
    }
}
