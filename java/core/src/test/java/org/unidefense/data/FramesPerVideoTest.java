package org.unidefense.data;

import org.junit.jupiter.api.Test;
import org.unidefense.data.dataset.IndexLine;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class FramesPerVideoTest {

    private static List<Sample> videos() {
        List<Sample> out = new ArrayList<>();
        for (String v : List.of("a", "b", "c")) {
            int frames = v.equals("b") ? 2 : 7;
            for (int f = 0; f < frames; f++) {
                String line = String.format("v%s/%02d.jpg 0 1 2 3 4", v, f);
                out.add(IndexLine.toSample(line, IndexLine.pathOf(line), 0, "real", "O", true));
            }
        }
        return out;
    }

    @Test
    void picksTheFramesTheReferencePicks() {
        // The reference's _resample(lines, 3) after np.random.seed(2022), run with numpy 2.4:
        List<String> expected = List.of("va/02.jpg", "va/03.jpg", "va/06.jpg", "vb/00.jpg", "vb/01.jpg",
                "vc/01.jpg", "vc/03.jpg", "vc/05.jpg");
        List<Sample> out = FramesPerVideo.resample(videos(), 3, new NumpyRandom(2022));
        assertEquals(expected, out.stream().map(Sample::path).toList());
        assertEquals(new FaceBox(1, 2, 3, 4), out.get(0).box());
    }

    @Test
    void shortVideosAndNullFpvKeepEverything() {
        List<Sample> all = videos();
        assertSame(all, FramesPerVideo.resample(all, null, new NumpyRandom(1)));
        assertEquals(all, FramesPerVideo.resample(all, 7, new NumpyRandom(1)));
    }

    @Test
    void sameSeedSameFramesOtherSeedOtherFrames() {
        List<Sample> a = FramesPerVideo.resample(videos(), 2, new NumpyRandom(5));
        assertEquals(a, FramesPerVideo.resample(videos(), 2, new NumpyRandom(5)));
        assertEquals(6, a.size());
        // every video keeps min(fpv, frames) distinct frames
        assertEquals(2, a.stream().filter(s -> s.videoId().equals("va")).distinct().count());
    }
}
