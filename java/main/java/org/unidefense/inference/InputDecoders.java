package org.unidefense.inference;

import org.unidefense.UserInputException;
import org.unidefense.face.FaceDetector;
import org.unidefense.media.MediaException;
import org.unidefense.media.VideoDecoder;

import java.util.function.Supplier;

/**
 * The media side of inference, swappable as a unit: how images and videos are decoded and which
 * face detector {@code --faces haar} means. Tests pass doubles; the program passes the media
 * package's decoders and Haar cascade detector.
 *
 * @param images image decoder
 * @param videos video frame sampler
 * @param haar   creates the default face detector (one per worker thread: OpenCV's cascade
 *               classifier is not thread-safe)
 */
public record InputDecoders(ImageDecoder images, VideoDecoder videos, Supplier<FaceDetector> haar) {

    /**
     * OpenCV images; videos and the Haar detector fail with a clear message until the media
     * package's implementations are wired in here.
     */
    public static InputDecoders defaults() {
        return new InputDecoders(new OpenCvImageDecoder(),
                (video, k) -> {
                    throw new MediaException(video + ": video decoding is not available in this build");
                },
                () -> {
                    throw new UserInputException("--faces haar: the Haar face detector is not available in this "
                            + "build; use --faces none (inputs already cropped to the face) or --faces BOXES.csv");
                });
    }

    public InputDecoders withVideos(VideoDecoder v) {
        return new InputDecoders(images, v, haar);
    }

    public InputDecoders withHaar(Supplier<FaceDetector> h) {
        return new InputDecoders(images, videos, h);
    }
}
