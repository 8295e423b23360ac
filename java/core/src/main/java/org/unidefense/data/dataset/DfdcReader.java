package org.unidefense.data.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Deepfake Detection Challenge as RECCE's {@code dataset/dfdc.py} reads it, from extracted
 * frames:
 * <ul>
 *   <li>train: every {@code <root>/dfdc_train_part_*} folder with a {@code metadata.json}
 *       ({@code {"<video>.mp4": {"label": "REAL"|"FAKE", ...}, ...}}; a folder without one is
 *       skipped, as in RECCE); a video's frames are {@code <folder>/images/<video>/*.png};</li>
 *   <li>test: {@code <root>/test/labels.csv}, whose lines naming a {@code .mp4} give
 *       {@code <video>.mp4,<label>} with 0 = real, 1 = fake; frames {@code <root>/test/images/<video>/*.png}.</li>
 * </ul>
 * Methods are {@code real} and {@code fake}; each is resampled to {@code fpv} frames per video on
 * its own. RECCE also accepts split {@code val} but loads nothing for it, so here DFDC has
 * {@code train} and {@code test} only (validation reads {@code test}, as RECCE's config does).
 * Folders and frames are sorted (RECCE's glob order varies between file systems); videos keep the
 * order of the metadata or label file.
 */
public final class DfdcReader extends ForgeryReaderBase {
    public static final String NAME = "DFDC";
    public static final List<String> METHODS = List.of("real", "fake");
    public static final List<String> SPLITS = List.of("train", "test");
    public static final String TRAIN_FOLDER_PREFIX = "dfdc_train_part_";
    public static final String METADATA = "metadata.json";
    public static final String TEST_LABELS = "test/labels.csv";

    public DfdcReader(Path root, String lmdb, StoreOpener opener) {
        super(NAME, SPLITS, METHODS, root, lmdb, opener);
    }

    /** A video: its frame folder relative to the root, and its label. */
    private record Video(String folder, int label) {
    }

    @Override
    public List<Sample> read(String split, List<String> methods, Integer fpv, NumpyRandom random) {
        check(split, methods);
        List<Video> videos = split.equals("train") ? trainVideos() : testVideos();
        List<Sample> out = new ArrayList<>();
        for (String method : methods) {
            int label = method.equals("real") ? Sample.REAL : Sample.FAKE;
            List<Sample> part = new ArrayList<>();
            for (Video v : videos) {
                if (v.label() == label) {
                    for (String frame : frames(v.folder())) {
                        part.add(Sample.of(v.folder() + "/" + frame, label, method, NAME));
                    }
                }
            }
            out.addAll(FramesPerVideo.resample(part, fpv, random));
        }
        return out;
    }

    private List<Video> trainVideos() {
        if (!Files.isDirectory(root)) {
            throw new UserInputException(root + ": DFDC root not found (expected " + TRAIN_FOLDER_PREFIX + "* folders in it)");
        }
        List<String> folders;
        try (Stream<Path> s = Files.list(root)) {
            folders = s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(TRAIN_FOLDER_PREFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(root + ": cannot list the DFDC training folders: " + e, e);
        }
        List<Video> out = new ArrayList<>();
        for (String folder : folders) {
            Path metadata = root.resolve(folder).resolve(METADATA);
            if (!Files.isRegularFile(metadata)) {
                continue; // RECCE skips a part without metadata (FileNotFoundError)
            }
            JsonNode json;
            try {
                json = new ObjectMapper().readTree(metadata.toFile());
            } catch (IOException e) {
                throw new UserInputException(metadata + ": not valid JSON: " + e.getMessage(), e);
            }
            if (json == null || !json.isObject()) {
                throw new UserInputException(metadata + ": expected a JSON object {\"<video>.mp4\": {\"label\": ...}}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode label = e.getValue().get("label");
                String text = label == null ? null : label.asText();
                int value = switch (text == null ? "" : text) {
                    case "REAL" -> Sample.REAL;
                    case "FAKE" -> Sample.FAKE;
                    default -> throw new UserInputException(metadata + ": video '" + e.getKey()
                            + "': expected \"label\": \"REAL\" or \"FAKE\", found " + (label == null ? "no label" : label));
                };
                out.add(new Video(folder + "/images/" + stem(e.getKey()), value));
            }
        }
        return out;
    }

    private List<Video> testVideos() {
        Path file = root.resolve(TEST_LABELS);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read the DFDC test labels: " + e, e);
        }
        List<Video> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.contains(".mp4")) {
                continue; // the header, blank lines
            }
            String[] fields = line.split(",", -1);
            int label;
            try {
                label = Integer.parseInt(fields.length > 1 ? fields[1].strip() : "");
            } catch (NumberFormatException e) {
                label = -1;
            }
            if (label != Sample.REAL && label != Sample.FAKE) {
                throw new UserInputException(file + ": line " + (i + 1) + " '" + line
                        + "': expected <video>.mp4,<label> with label 0 (real) or 1 (fake)");
            }
            out.add(new Video("test/images/" + stem(line), label));
        }
        return out;
    }

    /** The file name up to its first dot, as RECCE's {@code k.split(".")[0]}. */
    private static String stem(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private List<String> frames(String folder) {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of(); // RECCE's glob of a missing folder is empty
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list frames: " + e, e);
        }
    }

    @Override
    public Map<String, ImageStore> stores(String split) {
        return Map.of(NAME, store(root));
    }
}
