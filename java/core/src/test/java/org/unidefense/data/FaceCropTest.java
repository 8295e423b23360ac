package org.unidefense.data;

import org.unidefense.config.CropMode;
import org.junit.jupiter.api.Test;
import org.unidefense.UserInputException;
import org.unidefense.config.FaceMargin;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FaceCropTest {
    private static Sample withBox(String source, FaceBox box) {
        return new Sample("d/v/0.jpg", "d/v/0.jpg", 1, "d/v", "m", source, box, List.of());
    }

    @Test
    void fourPointGrowsTheBoxByTruncatedHalfMargins() {
        // w=50, h=61, margin 0.3: x margin int(7.5)=7, y margin int(9.15)=9
        CropRect r = FaceCrop.rect(withBox("O", new FaceBox(20, 30, 50, 61)), CropMode.FOUR_POINT, 0.3, 200, 200);
        assertEquals(new CropRect(13, 21, 77, 100), r);
    }

    @Test
    void clampedToTheImage() {
        CropRect r = FaceCrop.rect(withBox("O", new FaceBox(2, 3, 50, 60)), CropMode.FOUR_POINT, 0.5, 60, 70);
        // margins 12 and 15: (-10, -12, 64, 78) clamped to (0, 0, 60, 70)
        assertEquals(new CropRect(0, 0, 60, 70), r);
    }

    @Test
    void nocropAndUncroppedSourcesKeepTheWholeImage() {
        Sample s = withBox("O", new FaceBox(20, 30, 50, 61));
        assertEquals(CropRect.full(90, 80), FaceCrop.rect(s, CropMode.NOCROP, 0.3, 90, 80));
        assertEquals(CropRect.full(90, 80), FaceCrop.rect(withBox("FFpp", null), CropMode.FOUR_POINT, 0.3, 90, 80));
    }

    @Test
    void fourPointWithoutBoxIsAnError() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> FaceCrop.rect(withBox("O", null), CropMode.FOUR_POINT, 0.3, 90, 80));
        assertEquals(true, e.getMessage().contains("d/v/0.jpg"));
    }

    @Test
    void randomMarginDrawsTenthsInTheHalfOpenRange() {
        // [0.0, 0.5] draws randint(0, 5) / 10: 0.0 to 0.4, never 0.5
        NumpyRandom a = new NumpyRandom(3);
        NumpyRandom b = new NumpyRandom(3);
        for (int i = 0; i < 20; i++) {
            double m = FaceCrop.margin(FaceMargin.range(0.0, 0.5), a::randint);
            assertEquals(b.randint(0, 5) / 10.0, m);
            assertEquals(true, m >= 0.0 && m <= 0.4);
        }
        assertEquals(0.3, FaceCrop.margin(FaceMargin.fixed(0.3), a::randint));
    }
}
