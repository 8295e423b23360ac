package org.unidefense.face;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unidefense.data.FaceBox;
import org.unidefense.data.synth.FaceRenderer;
import org.unidefense.data.synth.FrameJitter;
import org.unidefense.data.synth.Identity;
import org.unidefense.data.synth.Pose;

/**
 * The bundled cascade against faces drawn by the synthetic generator, whose pose says where
 * the face is: a box counts as right when its centre is near the face centre and its side is
 * about the face's width.
 */
class HaarCascadeDetectorTest {
    private static final int SIZE = 256;
    private static HaarCascadeDetector detector;

    @BeforeAll
    static void load() {
        detector = new HaarCascadeDetector();
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    private record Face(Mat bgr, Pose pose) {
    }

    private static Face render(long seed, int size) {
        org.unidefense.data.synth.RenderedFrame frame = new FaceRenderer(size)
                .render(Identity.fromSeed(seed), FrameJitter.neutral(seed));
        Mat bgr = new Mat();
        cvtColor(frame.image(), bgr, COLOR_RGB2BGR);
        frame.image().close();
        return new Face(bgr, frame.pose());
    }

    /**
     * A face unit is half the face's width; the cascade's square box spans about the brows to
     * the mouth. {@code (ox, oy)} is where the rendering sits in the picture, {@code scale} its zoom.
     */
    private static void assertOnFace(FaceBox box, Pose pose, int ox, int oy, double scale) {
        double unit = pose.unit() * scale;
        double cx = ox + pose.x(0, 0) * scale;
        double cy = oy + pose.y(0, 0) * scale;
        double bx = box.x() + box.width() / 2.0;
        double by = box.y() + box.height() / 2.0;
        assertTrue(Math.hypot(bx - cx, by - cy) < 0.4 * unit,
                "box " + box + " centre far from the face centre " + cx + "," + cy);
        assertTrue(box.width() > 1.2 * unit && box.width() < 3.2 * unit,
                "box " + box + " side not about the face width " + 2 * unit);
    }

    @Test
    void findsMostRenderedFacesWhereTheyAre() {
        int found = 0;
        for (long seed = 1; seed <= 6; seed++) {
            Face face = render(seed, SIZE);
            List<FaceBox> boxes = detector.detect(face.bgr());
            face.bgr().close();
            if (!boxes.isEmpty()) {
                found++;
                assertOnFace(boxes.get(0), face.pose(), 0, 0, 1);
            }
        }
        assertTrue(found >= 4, "found faces in " + found + " of 6 renderings");
    }

    @Test
    void largePicturesAreShrunkForDetectionAndBoxesMappedBack() {
        Face face = render(2, SIZE);
        try (HaarCascadeDetector shrinking = new HaarCascadeDetector(HaarCascadeDetector.DEFAULT_CASCADE, 1.1, 4, 0.05, SIZE);
             Mat big = new Mat(); Mat gray = new Mat()) {
            resize(face.bgr(), big, new Size(SIZE * 3, SIZE * 3), 0, 0, INTER_LINEAR);
            List<FaceBox> boxes = shrinking.detect(big);
            assertFalse(boxes.isEmpty(), "no face in the 3x picture");
            assertOnFace(boxes.get(0), face.pose(), 0, 0, 3);
            cvtColor(face.bgr(), gray, COLOR_BGR2GRAY); // one-channel input is accepted too
            assertEquals(detector.detect(face.bgr()), detector.detect(gray));
        } finally {
            face.bgr().close();
        }
    }

    @Test
    void twoFacesComeLargestFirst() {
        Face large = render(2, SIZE);
        Face small = render(3, 160);
        try (Mat canvas = new Mat(SIZE, SIZE + 200, CV_8UC3, new Scalar(128, 128, 128, 0));
             Mat left = new Mat(canvas, new Rect(0, 0, SIZE, SIZE));
             Mat right = new Mat(canvas, new Rect(SIZE + 20, 40, 160, 160))) {
            large.bgr().copyTo(left);
            small.bgr().copyTo(right);
            List<FaceBox> boxes = detector.detect(canvas);
            assertEquals(2, boxes.size(), "boxes " + boxes);
            assertOnFace(boxes.get(0), large.pose(), 0, 0, 1);
            assertOnFace(boxes.get(1), small.pose(), SIZE + 20, 40, 1);
        } finally {
            large.bgr().close();
            small.bgr().close();
        }
    }

    @Test
    void noFaceInAFaceFreePicture() {
        try (Mat flat = new Mat(240, 320, CV_8UC3, new Scalar(90, 140, 200, 0)); Mat empty = new Mat()) {
            assertEquals(List.of(), detector.detect(flat));
            assertEquals(List.of(), detector.detect(empty));
        }
    }

    @Test
    void perThreadInstancesAgreeWithTheSharedOne() throws Exception {
        Face face = render(2, SIZE);
        List<FaceBox> expected = detector.detect(face.bgr());
        PerThreadFaceDetector perThread = PerThreadFaceDetector.haar();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<FaceBox>>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(pool.submit(() -> perThread.detect(face.bgr())));
            }
            for (Future<List<FaceBox>> r : results) {
                assertEquals(expected, r.get());
            }
        } finally {
            pool.shutdown();
            face.bgr().close();
        }
    }
}
