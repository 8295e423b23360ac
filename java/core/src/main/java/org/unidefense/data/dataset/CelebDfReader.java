package org.unidefense.data.dataset;

import org.unidefense.UserInputException;
import org.unidefense.data.FramesPerVideo;
import org.unidefense.data.ImageStore;
import org.unidefense.data.NumpyRandom;
import org.unidefense.data.Sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Celeb-DF v2 as the reference reads it: videos are the directories
 * {@code <root>/<method>/images/<video>/} of the three sources {@code YouTube-real},
 * {@code Celeb-real} and {@code Celeb-synthesis}, frames their {@code *.png} files; a video is in
 * the test split when {@code List_of_testing_videos.txt} names it (last field of a line, file name
 * without extension), otherwise in the train split. Only Celeb-synthesis is fake.
 *
 * <p>The reference walks Python sets and glob results, whose order varies between runs; here videos
 * and frames are sorted by name, so the resampled frames are reproducible.
 */
public final class CelebDfReader extends ForgeryReaderBase {
    public static final String NAME = "CDF";
    public static final List<String> METHODS = List.of("YouTube-real", "Celeb-real", "Celeb-synthesis");
    public static final List<String> SPLITS = List.of("train", "test");
    public static final String TEST_LIST = "List_of_testing_videos.txt";

    public CelebDfReader(Path root, String lmdb, StoreOpener opener) {
        super(NAME, SPLITS, METHODS, root, lmdb, opener);
    }

    @Override
    public List<Sample> read(String split, List<String> methods, Integer fpv, NumpyRandom random) {
        check(split, methods);
        Map<String, TreeSet<String>> testIds = testIds();
        List<Sample> out = new ArrayList<>();
        for (String method : methods) {
            TreeSet<String> ids = videoIds(method);
            if (split.equals("test")) {
                ids.retainAll(testIds.get(method));
            } else {
                ids.removeAll(testIds.get(method));
            }
            int label = method.equals("Celeb-synthesis") ? Sample.FAKE : Sample.REAL;
            for (String id : ids) {
                for (String frame : frames(method, id)) {
                    String path = method + "/images/" + id + "/" + frame;
                    out.add(Sample.of(path, label, method, NAME));
                }
            }
        }
        return FramesPerVideo.resample(out, fpv, random);
    }

    private TreeSet<String> videoIds(String method) {
        Path dir = root.resolve(method).resolve("images");
        try (Stream<Path> s = Files.list(dir)) {
            TreeSet<String> ids = new TreeSet<>();
            s.forEach(p -> ids.add(p.getFileName().toString()));
            return ids;
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list the " + method + " videos: " + e, e);
        }
    }

    private List<String> frames(String method, String id) {
        Path dir = root.resolve(method).resolve("images").resolve(id);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list frames: " + e, e);
        }
    }

    private Map<String, TreeSet<String>> testIds() {
        Path file = root.resolve(TEST_LIST);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read the list of test videos: " + e, e);
        }
        Map<String, TreeSet<String>> out = new LinkedHashMap<>();
        METHODS.forEach(m -> out.put(m, new TreeSet<>()));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int lineNo = i + 1;
            if (line.isBlank()) {
                continue;
            }
            String name = line.substring(line.lastIndexOf(' ') + 1).strip();
            String file0 = name.substring(name.lastIndexOf('/') + 1);
            String number = file0.contains(".") ? file0.substring(0, file0.indexOf('.')) : file0;
            String method = METHODS.stream().filter(name::contains).findFirst().orElseThrow(() ->
                    new UserInputException(file + ": line " + lineNo + " '" + line
                            + "' names no YouTube-real, Celeb-real or Celeb-synthesis video"));
            out.get(method).add(number);
        }
        return out;
    }

    @Override
    public Map<String, ImageStore> stores(String split) {
        return Map.of(NAME, store(root));
    }
}
