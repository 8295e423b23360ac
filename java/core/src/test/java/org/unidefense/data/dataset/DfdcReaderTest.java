package org.unidefense.data.dataset;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.data.NumpyRandom;
import org.unidefense.data.Sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RECCE's DFDC layout, generated here: training parts with a metadata.json each (one without,
 * skipped as RECCE skips it), the test split's labels.csv, frames as (empty) png files.
 */
class DfdcReaderTest {
    @TempDir
    Path root;

    private void frames(String folder, int n) throws IOException {
        Path dir = root.resolve(folder);
        Files.createDirectories(dir);
        for (int i = n - 1; i >= 0; i--) { // written out of order: the reader sorts
            Files.createFile(dir.resolve(i + ".png"));
        }
        Files.writeString(dir.resolve("notes.txt"), "not a frame");
    }

    @BeforeEach
    void layout() throws IOException {
        Files.createDirectories(root.resolve("dfdc_train_part_0"));
        Files.writeString(root.resolve("dfdc_train_part_0/metadata.json"),
                "{\"zz.mp4\": {\"label\": \"FAKE\", \"split\": \"train\", \"original\": \"aa.mp4\"}, "
                        + "\"aa.mp4\": {\"label\": \"REAL\", \"split\": \"train\"}}");
        frames("dfdc_train_part_0/images/zz", 3);
        frames("dfdc_train_part_0/images/aa", 2);
        frames("dfdc_train_part_1/images/cc", 2); // part without metadata.json: skipped
        Files.createDirectories(root.resolve("dfdc_train_part_10"));
        Files.writeString(root.resolve("dfdc_train_part_10/metadata.json"),
                "{\"dd.mp4\": {\"label\": \"REAL\"}, \"ee.mp4\": {\"label\": \"FAKE\"}}"); // ee has no frames
        frames("dfdc_train_part_10/images/dd", 2);
        frames("other/images/ff", 1);
        Files.createDirectories(root.resolve("test"));
        Files.writeString(root.resolve("test/labels.csv"), "filename,label\nt1.mp4,1\nt2.mp4, 0\n\n");
        frames("test/images/t1", 2);
        frames("test/images/t2", 1);
    }

    private DfdcReader reader() {
        return new DfdcReader(root, null, StoreOpener.LAZY);
    }

    private static List<String> paths(List<Sample> samples) {
        return samples.stream().map(Sample::path).toList();
    }

    @Test
    void trainSplitFollowsEachPartsMetadata() {
        List<Sample> real = reader().read("train", List.of("real"), null, new NumpyRandom(2022));
        assertEquals(List.of("dfdc_train_part_0/images/aa/0.png", "dfdc_train_part_0/images/aa/1.png",
                "dfdc_train_part_10/images/dd/0.png", "dfdc_train_part_10/images/dd/1.png"), paths(real));
        assertTrue(real.stream().allMatch(s -> s.label() == Sample.REAL && s.method().equals("real")
                && s.source().equals("DFDC")));
        assertEquals("dfdc_train_part_10/images/dd", real.get(2).videoId());
        List<Sample> fake = reader().read("train", List.of("fake"), null, new NumpyRandom(2022));
        assertEquals(List.of("dfdc_train_part_0/images/zz/0.png", "dfdc_train_part_0/images/zz/1.png",
                "dfdc_train_part_0/images/zz/2.png"), paths(fake));
        assertTrue(fake.stream().allMatch(Sample::isFake));
    }

    @Test
    void testSplitFollowsLabelsCsv() {
        List<Sample> both = reader().read("test", List.of("real", "fake"), null, new NumpyRandom(2022));
        assertEquals(List.of("test/images/t2/0.png", "test/images/t1/0.png", "test/images/t1/1.png"), paths(both));
        assertEquals(List.of(0, 1, 1), both.stream().map(Sample::label).toList());
    }

    @Test
    void framesPerVideoSamplesEachVideo() {
        List<Sample> real = reader().read("train", List.of("real"), 1, new NumpyRandom(2022));
        assertEquals(2, real.size(), "one frame of each of the two real videos");
        assertEquals(List.of("dfdc_train_part_0/images/aa", "dfdc_train_part_10/images/dd"),
                real.stream().map(Sample::videoId).sorted().toList());
    }

    @Test
    void badLabelsAndSplitsAreUserErrors() throws IOException {
        String split = assertThrows(UserInputException.class,
                () -> reader().read("val", List.of("real"), null, new NumpyRandom(1))).getMessage();
        assertTrue(split.contains("DFDC") && split.contains("'val'") && split.contains("[train, test]"), split);

        String noRoot = assertThrows(UserInputException.class, () -> new DfdcReader(root.resolve("nowhere"), null,
                StoreOpener.LAZY).read("train", List.of("real"), null, new NumpyRandom(1))).getMessage();
        assertTrue(noRoot.contains("nowhere: DFDC root not found"), noRoot);

        Files.writeString(root.resolve("test/labels.csv"), "filename,label\nt1.mp4,fake\n");
        String csv = assertThrows(UserInputException.class,
                () -> reader().read("test", List.of("fake"), null, new NumpyRandom(1))).getMessage();
        assertTrue(csv.contains("labels.csv: line 2") && csv.contains("0 (real) or 1 (fake)"), csv);

        Files.writeString(root.resolve("dfdc_train_part_0/metadata.json"), "{\"zz.mp4\": {\"label\": \"fake\"}}");
        String json = assertThrows(UserInputException.class,
                () -> reader().read("train", List.of("fake"), null, new NumpyRandom(1))).getMessage();
        assertTrue(json.contains("metadata.json") && json.contains("'zz.mp4'") && json.contains("\"REAL\" or \"FAKE\""),
                json);
    }
}
