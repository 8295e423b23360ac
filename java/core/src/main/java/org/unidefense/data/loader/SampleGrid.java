package org.unidefense.data.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.unidefense.data.Sample;
import org.unidefense.data.transform.Pixels;
import org.unidefense.io.AtomicFiles;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.FONT_HERSHEY_SIMPLEX;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_AA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.putText;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

/**
 * A contact sheet of loaded samples: images in rows of {@code columns}, each above a caption band
 * with its label (green real, red fake) and method. Images hold display values (0..255, i.e.
 * before Normalize); each is scaled to the cell size of the first.
 */
public final class SampleGrid {
    private final int cellWidth;
    private final int cellHeight;
    private final int columns;
    private final int rows;
    private final int captionHeight;

    public SampleGrid(int count, int cellWidth, int cellHeight) {
        if (count < 1) {
            throw new IllegalArgumentException("a grid needs at least one image");
        }
        this.cellWidth = cellWidth;
        this.cellHeight = cellHeight;
        this.columns = (int) Math.ceil(Math.sqrt(count));
        this.rows = (count + columns - 1) / columns;
        this.captionHeight = Math.max(14, cellWidth / 10);
    }

    public int width() {
        return columns * cellWidth;
    }

    public int height() {
        return rows * (cellHeight + captionHeight);
    }

    /** Draws {@code images} (one single-image batch each) and writes a PNG to {@code out}. */
    public void write(List<Batch> images, Path out) throws IOException {
        try (PointerScope scope = new PointerScope()) {
            Mat sheet = new Mat(height(), width(), CV_8UC3, new Scalar(32, 32, 32, 0));
            for (int i = 0; i < images.size(); i++) {
                Batch b = images.get(i);
                int x = (i % columns) * cellWidth;
                int y = (i / columns) * (cellHeight + captionHeight);
                Mat cell = toCell(b);
                cell.copyTo(sheet.apply(new Rect(x, y, cellWidth, cellHeight)));
                caption(sheet, b.samples().get(0), x, y + cellHeight);
            }
            Mat bgr = new Mat();
            cvtColor(sheet, bgr, COLOR_RGB2BGR);
            BytePointer png = new BytePointer();
            if (!imencode(".png", bgr, png)) {
                throw new IllegalStateException("OpenCV could not encode the grid as PNG");
            }
            byte[] bytes = new byte[(int) png.limit()];
            png.get(bytes);
            AtomicFiles.write(out, tmp -> Files.write(tmp, bytes));
        }
    }

    private Mat toCell(Batch b) {
        if (b.channels() != 3) {
            throw new IllegalArgumentException("the grid shows RGB images; got " + b.channels() + " channels");
        }
        int h = b.height();
        int w = b.width();
        byte[] hwc = new byte[h * w * 3];
        for (int c = 0; c < 3; c++) {
            for (int yy = 0; yy < h; yy++) {
                for (int xx = 0; xx < w; xx++) {
                    float v = Math.round(b.at(0, c, yy, xx));
                    hwc[(yy * w + xx) * 3 + c] = (byte) Math.max(0, Math.min(255, (int) v));
                }
            }
        }
        Mat image = Pixels.fromBytes(hwc, h, w, 3);
        if (h == cellHeight && w == cellWidth) {
            return image;
        }
        Mat scaled = new Mat();
        resize(image, scaled, new Size(cellWidth, cellHeight), 0, 0, INTER_AREA);
        return scaled;
    }

    private void caption(Mat sheet, Sample sample, int x, int y) {
        String text = (sample.isFake() ? "fake" : "real") + " " + sample.method();
        Scalar color = sample.isFake() ? new Scalar(230, 60, 60, 0) : new Scalar(60, 200, 80, 0);
        double scale = captionHeight / 28.0;
        putText(sheet, text, new Point(x + 2, y + captionHeight * 3 / 4), FONT_HERSHEY_SIMPLEX, scale, color, 1, LINE_AA,
                false);
    }
}
