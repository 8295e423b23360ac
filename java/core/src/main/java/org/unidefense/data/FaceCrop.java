package org.unidefense.data;

import org.unidefense.config.CropMode;
import org.unidefense.UserInputException;
import org.unidefense.config.FaceMargin;

import java.util.function.IntBinaryOperator;

/**
 * The crop rectangle of a sample, computed as the reference's {@code load_item} does: with
 * {@code 4p} the face box grows by {@code int(w * margin / 2)} on the left and right and
 * {@code int(h * margin / 2)} on top and bottom; the result is clamped to the image.
 */
public final class FaceCrop {
    private FaceCrop() {
    }

    /**
     * The rectangle to keep of a decoded {@code imageWidth × imageHeight} image.
     *
     * @param margin the face margin (used with {@link CropMode#FOUR_POINT} only)
     * @throws UserInputException when {@code 4p} is asked for a sample whose index line has no face box
     */
    public static CropRect rect(Sample sample, CropMode mode, double margin, int imageWidth, int imageHeight) {
        if (mode == CropMode.NOCROP || sample.box() == null && !needsBox(sample)) {
            return CropRect.full(imageWidth, imageHeight);
        }
        FaceBox b = sample.box();
        if (b == null) {
            throw new UserInputException("item '" + sample.path() + "': crop '4p' needs a face box (x y w h after"
                    + " the path and label in the index line), but its line has none");
        }
        return around(b, margin, imageWidth, imageHeight);
    }

    /** The reference's {@code _add_face_margin} rectangle around {@code b}, clamped to the image. */
    public static CropRect around(FaceBox b, double margin, int imageWidth, int imageHeight) {
        int xm = (int) (b.width() * margin / 2);
        int ym = (int) (b.height() * margin / 2);
        int x1 = Math.max(0, b.x() - xm);
        int y1 = Math.max(0, b.y() - ym);
        int x2 = Math.min(imageWidth, b.x() + b.width() + xm);
        int y2 = Math.min(imageHeight, b.y() + b.height() + ym);
        return new CropRect(x1, y1, x2, y2);
    }

    /**
     * Sources the reference never crops (FF++ and Celeb-DF inside UniAttack are stored as face crops)
     * carry no box; every other 4p sample must have one.
     */
    private static boolean needsBox(Sample sample) {
        return !sample.source().equals("FFpp") && !sample.source().equals("CDF");
    }

    /**
     * The margin for one draw: the fixed value, or {@code randint(int(low*10), int(high*10)) / 10}
     * from {@code randint} (exclusive upper end, like numpy's), e.g. {@link NumpyRandom#randint}.
     */
    public static double margin(FaceMargin margin, IntBinaryOperator randint) {
        if (margin == null) {
            throw new UserInputException("crop '4p' needs a face margin (config.margin, or train_margin/val_margin/"
                    + "test_margin for OCIM)");
        }
        if (margin.fixed()) {
            return margin.low();
        }
        return randint.applyAsInt((int) (margin.low() * 10), (int) (margin.high() * 10)) / 10.0;
    }
}
