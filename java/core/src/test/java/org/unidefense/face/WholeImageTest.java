package org.unidefense.face;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.unidefense.data.FaceBox;

class WholeImageTest {
    @Test
    void theWholePictureIsTheFace() {
        try (Mat crop = new Mat(120, 90, CV_8UC3); Mat empty = new Mat()) {
            assertEquals(List.of(new FaceBox(0, 0, 90, 120)), new WholeImage().detect(crop));
            assertEquals(List.of(), new WholeImage().detect(empty));
        }
    }
}
