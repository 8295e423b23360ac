package org.unidefense.prepare;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_PNG_COMPRESSION;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.unidefense.data.CropRect;
import org.unidefense.data.FaceBox;
import org.unidefense.data.FaceCrop;
import org.unidefense.face.FaceDetector;
import org.unidefense.media.EvenSpacing;
import org.unidefense.media.Frame;
import org.unidefense.media.ImageFiles;
import org.unidefense.media.MediaException;
import org.unidefense.media.MediaKind;
import org.unidefense.media.VideoDecoders;

/**
 * Cuts the faces out of one source: decodes its evenly spaced frames (a video through
 * {@link VideoDecoders}, a folder of frame images in name order, or one image), finds the faces,
 * keeps the largest (or all) with the reference's margin and encodes each crop as PNG (lossless:
 * the forgery traces a detector learns from survive). Thread-safe when the detector is (give
 * each worker its own, see {@link org.unidefense.face.PerThreadFaceDetector}).
 */
public final class FaceCropper {
    /** A crop and its PNG bytes. */
    public record Crop(CroppedFace face, byte[] png) {
    }

    /** The crops of a source, and the frames read and without a face. */
    public record Result(List<Crop> crops, int framesRead, List<Integer> noFace) {
    }

    private final FaceDetector detector;
    private final CropSettings settings;

    public FaceCropper(FaceDetector detector, CropSettings settings) {
        this.detector = detector;
        this.settings = settings;
    }

    /**
     * @throws MediaException when the source cannot be read (an error record for the caller, who
     *                        carries on with the other videos)
     */
    public Result crop(Path source) {
        // Decoded frames, crops and buffers are all freed by the scope, also when decoding fails.
        try (PointerScope scope = new PointerScope()) {
            List<Frame> frames = frames(source);
            List<Crop> crops = new ArrayList<>();
            List<Integer> noFace = new ArrayList<>();
            for (Frame frame : frames) {
                Mat bgr = frame.bgr();
                List<FaceBox> boxes = detector.detect(bgr);
                if (boxes.isEmpty()) {
                    noFace.add(frame.index());
                    continue;
                }
                int n = settings.allFaces() ? boxes.size() : 1; // boxes come largest first
                for (int k = 0; k < n; k++) {
                    CropRect r = FaceCrop.around(boxes.get(k), settings.margin(), bgr.cols(), bgr.rows());
                    if (r.isEmpty()) {
                        continue;
                    }
                    String file = String.format("%04d", frame.index()) + (k == 0 ? "" : "_" + k) + ".png";
                    crops.add(new Crop(new CroppedFace(frame.index(), file, boxes.get(k), r), png(bgr, r, source)));
                }
            }
            return new Result(crops, frames.size(), noFace);
        }
    }

    private List<Frame> frames(Path source) {
        if (Files.isDirectory(source)) {
            List<Path> images = imagesIn(source);
            if (images.isEmpty()) {
                throw new MediaException(source + ": the folder holds no image");
            }
            List<Frame> out = new ArrayList<>();
            for (int i : EvenSpacing.indices(images.size(), settings.frames())) {
                out.add(new Frame(i, ImageFiles.read(images.get(i))));
            }
            return out;
        }
        if (MediaKind.of(source) == MediaKind.IMAGE) {
            return List.of(ImageFiles.readFrame(source));
        }
        return VideoDecoders.auto().sample(source, settings.frames());
    }

    /** The images directly inside {@code dir}, by name. */
    static List<Path> imagesIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && MediaKind.of(p) == MediaKind.IMAGE).sorted().toList();
        } catch (IOException e) {
            throw new MediaException(dir + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] png(Mat bgr, CropRect r, Path source) {
        Mat roi = new Mat(bgr, new Rect(r.x1(), r.y1(), r.width(), r.height()));
        BytePointer buf = new BytePointer();
        // Level 3: the files are a little larger than at 6 and encode about twice as fast.
        if (!imencode(".png", roi, buf, new IntPointer(IMWRITE_PNG_COMPRESSION, 3))) {
            throw new MediaException(source + ": OpenCV could not encode a face crop as PNG");
        }
        byte[] out = new byte[(int) buf.limit()];
        buf.get(out);
        return out;
    }
}
