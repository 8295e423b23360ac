package org.unidefense.data.transform;

import java.util.random.RandomGenerator;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.opencv_core.Mat;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_JPEG_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMWRITE_WEBP_QUALITY;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;

/**
 * albumentations 1.3 {@code ImageCompression}: encode with a quality drawn from
 * [quality_lower, quality_upper] and decode again. The RGB array is encoded as OpenCV's BGR,
 * exactly as albumentations does, so chroma subsampling sees the same channel order.
 */
public final class ImageCompression extends RandomTransform {
    /** albumentations' {@code ImageCompressionType}: 0 JPEG, 1 WEBP. */
    public enum Format {
        JPEG(".jpg", IMWRITE_JPEG_QUALITY, 0),
        WEBP(".webp", IMWRITE_WEBP_QUALITY, 1);

        final String extension;
        final int qualityFlag;
        final int lowestQuality;

        Format(String extension, int qualityFlag, int lowestQuality) {
            this.extension = extension;
            this.qualityFlag = qualityFlag;
            this.lowestQuality = lowestQuality;
        }
    }

    private final int qualityLower;
    private final int qualityUpper;
    private final Format format;

    public ImageCompression(int qualityLower, int qualityUpper, Format format, double p, boolean alwaysApply) {
        super(p, alwaysApply);
        this.qualityLower = qualityLower;
        this.qualityUpper = qualityUpper;
        this.format = format;
    }

    static ImageCompression fromParams(TransformParams params) {
        int typeCode = params.getInt("compression_type", 0);
        if (typeCode < 0 || typeCode > 1) {
            throw params.fail("compression_type", "must be 0 (JPEG) or 1 (WEBP), got " + typeCode);
        }
        Format format = Format.values()[typeCode];
        int lower = params.getInt("quality_lower", 99);
        int upper = params.getInt("quality_upper", 100);
        if (lower < format.lowestQuality || lower > 100) {
            throw params.fail("quality_lower", "must be in [" + format.lowestQuality + ", 100], got " + lower);
        }
        if (upper < lower || upper > 100) {
            throw params.fail("quality_upper", "must be in [quality_lower, 100], got " + upper);
        }
        Gate gate = Gate.read(params, 0.5);
        return new ImageCompression(lower, upper, format, gate.p(), gate.alwaysApply());
    }

    @Override
    public Mat applyForced(Mat image, RandomGenerator random) {
        requireUint8(image);
        int quality = PyRandom.randint(random, qualityLower, qualityUpper);
        return reencode(image, format, quality);
    }

    /** One encode/decode round trip at a fixed quality. */
    public static Mat reencode(Mat image, Format format, int quality) {
        BytePointer encoded = new BytePointer();
        if (!imencode(format.extension, image, encoded, new IntPointer(format.qualityFlag, quality))) {
            throw new IllegalStateException("OpenCV could not encode " + format);
        }
        return imdecode(new Mat(encoded), IMREAD_UNCHANGED);
    }

    static void requireUint8(Mat image) {
        if (!Pixels.isUint8(image)) {
            throw new IllegalArgumentException("this transform works on uint8 images: put it before Normalize");
        }
    }
}
