package org.unidefense.inference;

import org.unidefense.face.FaceDetector;
import org.unidefense.face.HaarCascadeDetector;
import org.unidefense.media.ImageFiles;
import org.unidefense.media.VideoDecoders;
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
     * The media package's decoders (images through OpenCV, videos through OpenCV's MJPEG reader or
     * FFmpeg) and its Haar cascade detector (the cascade that ships in the OpenCV jar).
     */
    public static InputDecoders defaults() {
        return new InputDecoders(ImageFiles::readFrame, VideoDecoders.auto(), HaarCascadeDetector::new);
    }

    public InputDecoders withVideos(VideoDecoder v) {
        return new InputDecoders(images, v, haar);
    }

    public InputDecoders withHaar(Supplier<FaceDetector> h) {
        return new InputDecoders(images, videos, h);
    }
}
