package org.unidefense.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

/** The sampling algorithm against a fake stream whose container count can lie. */
class SequentialSamplerTest {
    private static final Path VIDEO = Path.of("fake.mp4");

    /** A stream of {@code frames} 1x1 frames whose pixel value is the frame index. */
    private static final class FakeVideo {
        final int frames;
        final long estimate;
        int opens;
        int retrieves;
        int maxKept;

        FakeVideo(int frames, long estimate) {
            this.frames = frames;
            this.estimate = estimate;
        }

        List<Frame> sample(int k) {
            List<Frame> out = new SequentialSampler(VIDEO, this::open).sample(k);
            for (Frame f : out) {
                assertEquals(f.index(), f.bgr().ptr(0, 0).get() & 0xFF, "frame content is its index");
            }
            return out;
        }

        FrameStream open() {
            opens++;
            return new FrameStream() {
                int position = -1;

                @Override
                public long estimatedFrameCount() {
                    return estimate;
                }

                @Override
                public boolean advance(boolean keep) {
                    position++;
                    return position < frames;
                }

                @Override
                public Mat retrieve() {
                    retrieves++;
                    return new Mat(1, 1, CV_8UC3, new Scalar(position, position, position, 0));
                }

                @Override
                public void close() {
                }
            };
        }
    }

    private static int[] indices(List<Frame> frames) {
        int[] out = frames.stream().mapToInt(Frame::index).toArray();
        frames.forEach(Frame::close);
        return out;
    }

    @Test
    void rightEstimateTakesOnePassAndDecodesOnlyTheWantedFrames() {
        FakeVideo v = new FakeVideo(100, 100);
        assertArrayEquals(EvenSpacing.indices(100, 7), indices(v.sample(7)));
        assertEquals(1, v.opens);
        assertEquals(7, v.retrieves);
    }

    @Test
    void estimateTooHighIsCorrectedFromTheRealCount() {
        FakeVideo v = new FakeVideo(60, 100); // e.g. a truncated file whose header promises 100
        assertArrayEquals(new int[]{0, 9, 19, 29, 39, 49, 59}, indices(v.sample(7)));
        assertEquals(2, v.opens);
    }

    @Test
    void estimateTooLowIsCorrectedFromTheRealCount() {
        FakeVideo v = new FakeVideo(100, 40); // duration x rate rounded badly, or a variable rate
        assertArrayEquals(EvenSpacing.indices(100, 5), indices(v.sample(5)));
        assertTrue(v.retrieves <= 5 + 5, "kept frames stay bounded by k per pass");
    }

    @Test
    void absurdEstimateCostsNoMemoryAndIsCorrected() {
        FakeVideo v = new FakeVideo(20, Integer.MAX_VALUE - 1L); // a corrupt duration field
        assertArrayEquals(new int[]{0, 6, 12, 19}, indices(v.sample(4)));
        assertEquals(2, v.opens);
    }

    @Test
    void unknownCountCountsFirstThenDecodes() {
        FakeVideo v = new FakeVideo(30, 0);
        assertArrayEquals(new int[]{0, 9, 19, 29}, indices(v.sample(4)));
        assertEquals(2, v.opens);
        assertEquals(4, v.retrieves);
    }

    @Test
    void zeroOrNegativeKeepsAllFramesWhateverTheEstimate() {
        assertArrayEquals(EvenSpacing.indices(25, 0), indices(new FakeVideo(25, 10).sample(0)));
        FakeVideo v = new FakeVideo(25, 0);
        assertArrayEquals(EvenSpacing.indices(25, 0), indices(v.sample(-1)));
        assertEquals(1, v.opens);
    }

    @Test
    void fewerFramesThanWantedGivesThemAll() {
        assertArrayEquals(new int[]{0, 1, 2}, indices(new FakeVideo(3, 3).sample(10)));
    }

    @Test
    void videoWithoutFramesIsAMediaExceptionNamingTheFile() {
        MediaException e = assertThrows(MediaException.class, () -> new FakeVideo(0, 12).sample(4));
        assertTrue(e.getMessage().startsWith(VIDEO + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("no decodable frame"), e.getMessage());
    }
}
