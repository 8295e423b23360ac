package org.unidefense.inference;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.unidefense.config.CropMode;
import org.unidefense.data.CropRect;
import org.unidefense.data.FaceBox;
import org.unidefense.data.FaceCrop;
import org.unidefense.data.Sample;
import org.unidefense.data.transform.ChwImage;
import org.unidefense.data.transform.TransformPipeline;
import org.unidefense.media.MediaException;

import java.util.List;
import java.util.SplittableRandom;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2RGB;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

/**
 * A decoded BGR picture and a face box to the model's input, exactly as the test split is read in
 * training: swap to RGB, cut the box grown by the margin ({@link FaceCrop}, mode {@code 4p}),
 * then the config's test transforms ({@link TransformPipeline}). Stateless and thread-safe.
 *
 * @param transforms  the {@code test_transforms} of the dataset file the model was trained with
 * @param margin      the face margin for the crop
 * @param description where the two came from, for logs
 */
public record Preprocessing(TransformPipeline transforms, double margin, String description) {
    /** Test transforms are deterministic; a generator is still required by the pipeline's API. */
    private static final long SEED = 0;

    /**
     * @param box the face, or null for the whole picture
     * @throws MediaException when the box lies outside the picture
     */
    public ChwImage apply(Mat bgr, FaceBox box) {
        try (PointerScope scope = new PointerScope()) {
            Mat rgb = new Mat();
            cvtColor(bgr, rgb, COLOR_BGR2RGB);
            Mat face = box == null ? rgb : crop(rgb, box);
            return transforms.apply(face, new SplittableRandom(SEED));
        }
    }

    /** The crop rectangle of {@code box} in a {@code width × height} picture. */
    public CropRect cropRect(FaceBox box, int width, int height) {
        Sample s = new Sample("face", "face", Sample.REAL, "face", "predict", "predict", box, List.of());
        return FaceCrop.rect(s, CropMode.FOUR_POINT, margin, width, height);
    }

    private Mat crop(Mat rgb, FaceBox box) {
        CropRect r = cropRect(box, rgb.cols(), rgb.rows());
        if (r.isEmpty()) {
            throw new MediaException("face box " + box + " lies outside the " + rgb.cols() + "x" + rgb.rows()
                    + " picture");
        }
        // A copy: the transforms read pixels as one continuous block, which a sub-view is not.
        return new Mat(rgb, new Rect(r.x1(), r.y1(), r.width(), r.height())).clone();
    }
}
