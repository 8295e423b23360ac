package org.unidefense.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.data.NumpyRandom;
import org.unidefense.data.Sample;
import org.unidefense.data.dataset.CelebDfReader;
import org.unidefense.data.dataset.StoreOpener;
import org.unidefense.face.HaarCascadeDetector;

/** {@code prepare celebdf} on the synthetic Celeb-DF v2 download tree; truth: its test list and folders. */
class PrepareCelebDfTest {
    @TempDir
    static Path dir;
    private static Path src;
    private static Path out;

    @BeforeAll
    static void prepareOnce() {
        src = dir.resolve("download");
        out = dir.resolve("prepared");
        SyntheticDownloads.celebDf(src, new SyntheticDownloads.Options(2, "c23", new int[] {1, 0, 1}, 4, 176, 144, 112));
        CelebDfPreparer.prepare(new CelebDfPreparer.Request(src, out, new CropSettings(3, 0.3, false, "haar"), 2,
                new ReadyConfigs.Schedule(32, 1, 2, "cdf")),
                HaarCascadeDetector::new, new StringWriter());
    }

    @Test
    void theReaderFindsTheListedVideosInTestAndTheRestInTrain() throws IOException {
        assertArrayEquals(Files.readAllBytes(src.resolve(CelebDfReader.TEST_LIST)),
                Files.readAllBytes(out.resolve(CelebDfReader.TEST_LIST)));
        // Two pairs: people 0-1 for training, 2-3 for test; the list names id2's videos and YouTube 00102.
        Set<String> testVideos = Set.of("Celeb-real/images/id2_0000", "Celeb-synthesis/images/id2_id3_0000",
                "YouTube-real/images/00102");
        CelebDfReader reader = new CelebDfReader(out, null, StoreOpener.EAGER);
        Set<String> seen = new TreeSet<>();
        for (String split : CelebDfReader.SPLITS) {
            List<Sample> samples = reader.read(split, CelebDfReader.METHODS, null, new NumpyRandom(0));
            assertTrue(!samples.isEmpty(), split);
            for (Sample s : samples) {
                assertEquals(split.equals("test"), testVideos.contains(s.videoId()), s.path());
                assertEquals(s.path().startsWith("Celeb-synthesis/") ? 1 : 0, s.label(), s.path());
                assertTrue(Files.isRegularFile(out.resolve(s.path())), s.path());
                assertTrue(Set.of("0000.png", "0001.png", "0003.png").contains(s.path().substring(s.path().lastIndexOf('/') + 1)),
                        s.path() + " is not one of 3 evenly spaced frames of 4");
                seen.add(s.path());
            }
        }
        try (Stream<Path> s = Files.walk(out)) {
            Set<String> pngs = new TreeSet<>();
            s.filter(p -> p.toString().endsWith(".png") && !p.startsWith(out.resolve(PrepareRun.STATE_DIR)))
                    .forEach(p -> pngs.add(out.relativize(p).toString()));
            assertEquals(pngs, seen, "every crop is read, once");
        }
    }

    @Test
    void theWrittenDataFileReadsTheTreeForTheForgeryEngine() {
        CliRun stats = new CliRun("data", "stats", "--config", out.resolve("model_celebdf.yml").toString());
        assertEquals(0, stats.code, stats.err);
        // Validation is the test split, as in the reference: the three listed videos.
        assertTrue(stats.out.contains("val              (split test): 3 videos"), stats.out);
    }
}
