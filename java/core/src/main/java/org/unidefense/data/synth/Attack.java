package org.unidefense.data.synth;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Turns a frame into an attack of one kind. Physical attacks receive the scene before the camera,
 * digital forgeries the captured frame. All randomness comes from {@code random}.
 */
public interface Attack {
    SampleKind kind();

    Mat apply(RenderedFrame frame, RandomGenerator random);
}
