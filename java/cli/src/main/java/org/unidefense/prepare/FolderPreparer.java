package org.unidefense.prepare;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.unidefense.UserInputException;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.data.dataset.UniAttackReader;
import org.unidefense.face.FaceDetector;
import org.unidefense.media.MediaKind;

/**
 * {@code prepare folder}: a user's own real and fake media (videos, folders of frames, single
 * images) to a UniAttack-style dataset that {@code train --engine UE} reads: the face crops in an
 * LMDB store and the index lists of the benchmark's OULU slot (the one slot whose index files take
 * any real and fake videos):
 * <pre>
 * ROOT/Oulu_NPU/lists/real_5points.pickle   lines "Oulu_NPU/&lt;Split&gt;_files/real/&lt;video&gt;/&lt;frame&gt;.png 0 x y w h"
 * ROOT/Oulu_NPU/lists/fake_5points.pickle   lines "Oulu_NPU/&lt;Split&gt;_files/&lt;attack type&gt;/&lt;video&gt;/... 1 x y w h"
 * ROOT/Oulu_NPU/lmdb/Oulu_NPU/data.mdb      the crops, keyed by the path with Oulu_NPU_crop (the reference's crop key)
 * ROOT/data_folder.yml, ROOT/model_folder.yml
 * </pre>
 * {@code x y w h} is the detected face in frame pixels (kept for reference; the store holds crops,
 * so the files are read with {@code crop: nocrop}). Videos are split by {@link FolderSplit}, each
 * group (the real folder, each fake folder) on its own so every split has every attack type.
 */
public final class FolderPreparer {
    static final String SLOT = "Oulu_NPU";
    /** The fragments the reader's OULU lists are filtered by, per split (as in {@link UniAttackReader}). */
    private static final Map<String, String> OULU_SPLIT_FOLDERS = Map.of("train", "Train_files", "val", "Dev_files",
            "test", "Test_files");

    /** One folder of inputs and what it holds. */
    public record Group(Path dir, String type, int label) {
    }

    public record Request(List<Group> groups, Path out, double[] ratios, long seed, CropSettings settings, int workers,
                          ReadyConfigs.Schedule schedule) {
    }

    public record Summary(PrepareRun.Outcome outcome, Map<String, Integer> frames, Map<String, String> skipped,
                          ReadyConfigs.Written configs) {
    }

    private FolderPreparer() {
    }

    /** The groups of {@code --real} and {@code --fake} (typed by {@code --attack-type}, else by folder name). */
    public static List<Group> groups(Path real, List<Path> fakes, List<String> types) {
        if (types != null && !types.isEmpty() && types.size() != fakes.size()) {
            throw new UserInputException("--attack-type is given " + types.size() + " times for " + fakes.size()
                    + " --fake folders; give one per --fake folder, in the same order, or none");
        }
        List<Group> out = new ArrayList<>();
        out.add(new Group(real, "real", 0));
        Set<String> seen = new HashSet<>(Set.of("real"));
        for (int i = 0; i < fakes.size(); i++) {
            String type = safe(types == null || types.isEmpty() ? String.valueOf(fakes.get(i).getFileName()) : types.get(i));
            if (!seen.add(type)) {
                throw new UserInputException("attack type '" + type + "' is given to two --fake folders (or is 'real');"
                        + " give each folder its own --attack-type");
            }
            out.add(new Group(fakes.get(i), type, 1));
        }
        return out;
    }

    /** A name safe in an index line (split on spaces) and a path: letters, digits, '.', '_' and '-'. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() ? "_" : s;
    }

    /** {@link #safe} for each '/'-separated part. */
    static String safePath(String path) {
        StringBuilder b = new StringBuilder();
        for (String part : path.split("/")) {
            b.append(b.length() == 0 ? "" : "/").append(safe(part));
        }
        return b.toString();
    }

    public static Summary prepare(Request q, Supplier<? extends FaceDetector> detectors, Writer progress) {
        Map<String, String> skipped = new TreeMap<>();
        List<VideoJob> jobs = new ArrayList<>();
        for (Group g : q.groups()) {
            addJobs(jobs, skipped, g, q);
        }
        Path crops = q.out().resolve(PrepareRun.STATE_DIR).resolve("crops");
        PrepareRun run = new PrepareRun(crops, q.out(), q.settings(), detectors, q.workers(), progress);
        PrepareRun.Outcome outcome = run.run("prepare folder", jobs);
        Map<String, Integer> frames = writeStoreAndLists(q.out(), crops, outcome);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("split", List.of(q.ratios()[0], q.ratios()[1], q.ratios()[2]));
        options.put("seed", q.seed());
        List<String> groups = new ArrayList<>();
        q.groups().forEach(g -> groups.add(g.type() + "=" + g.dir().getFileName()));
        options.put("groups", groups);
        PrepareManifest.write(q.out(), PrepareManifest.build("folder", options, q.settings(), outcome, skipped));
        int fpv = q.settings().frames() == 0 ? 1000 : q.settings().frames() * (q.settings().allFaces() ? 4 : 1);
        ReadyConfigs.Written configs = ReadyConfigs.write(q.out(), "folder", "folder", "UE", "data_folder.yml",
                q.schedule(), Map.of("@FRAMES@", Integer.toString(fpv)));
        return new Summary(outcome, frames, skipped, configs);
    }

    private static void addJobs(List<VideoJob> jobs, Map<String, String> skipped, Group g, Request q) {
        if (!Files.isDirectory(g.dir())) {
            throw new UserInputException(g.dir() + ": not a folder (expected videos, folders of frames or images)");
        }
        List<Path> entries;
        try (Stream<Path> s = Files.list(g.dir())) {
            entries = s.sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(g.dir() + ": cannot list: " + e, e);
        }
        Map<String, Path> videos = new TreeMap<>();
        for (Path p : entries) {
            MediaKind kind = MediaKind.of(p);
            boolean frames = Files.isDirectory(p) && !FaceCropper.imagesIn(p).isEmpty();
            String rel = g.dir().getFileName() + "/" + p.getFileName();
            if (!frames && !(Files.isRegularFile(p) && (kind == MediaKind.VIDEO || kind == MediaKind.IMAGE))) {
                skipped.put(rel, "neither a video, an image nor a folder of images");
                continue;
            }
            String file = p.getFileName().toString();
            String base = safe(Files.isDirectory(p) || !file.contains(".") ? file : file.substring(0, file.lastIndexOf('.')));
            String name = base;
            for (int k = 2; videos.containsKey(name); k++) {
                name = base + "_" + k; // clip.mp4 and clip.avi
            }
            videos.put(name, p);
        }
        if (videos.isEmpty()) {
            throw new UserInputException(g.dir() + ": holds no video, image or folder of images");
        }
        List<String> names = new ArrayList<>(videos.keySet());
        List<String> splits = FolderSplit.assign(names, q.ratios(), q.seed() * 31 + g.type().hashCode());
        for (int i = 0; i < names.size(); i++) {
            String split = splits.get(i);
            String folder = SLOT + "_crop/" + splitFolder(split) + "/" + g.type() + "/" + names.get(i);
            Path p = videos.get(names.get(i));
            jobs.add(new VideoJob(p, g.dir().getFileName() + "/" + p.getFileName(), folder, split, g.type(), g.label()));
        }
    }

    /** The OULU split folder the reader picks lines by ({@code Train_files}, {@code Dev_files}, {@code Test_files}). */
    static String splitFolder(String split) {
        return OULU_SPLIT_FOLDERS.get(split);
    }

    /** The LMDB store and the two lists; returns the crops per split. */
    private static Map<String, Integer> writeStoreAndLists(Path out, Path crops, PrepareRun.Outcome outcome) {
        List<Object> real = new ArrayList<>();
        List<Object> fake = new ArrayList<>();
        Map<String, Integer> frames = new LinkedHashMap<>();
        FolderSplit.SPLITS.forEach(s -> frames.put(s, 0));
        for (VideoRecord r : outcome.records()) {
            for (CroppedFace c : r.crops()) {
                String key = r.outDir() + "/" + c.file();
                String path = SLOT + key.substring((SLOT + "_crop").length());
                String line = String.format(Locale.ROOT, "%s %d %d %d %d %d", path, r.label(),
                        c.box().x(), c.box().y(), c.box().width(), c.box().height());
                (r.label() == 0 ? real : fake).add(line);
                frames.merge(r.split(), 1, Integer::sum);
            }
        }
        Path slot = out.resolve(SLOT);
        CropStore.write(slot.resolve("lmdb").resolve(SLOT), crops, outcome.records());
        TorchSaveWriter.write(real, slot.resolve("lists").resolve("real_5points.pickle"));
        TorchSaveWriter.write(fake, slot.resolve("lists").resolve("fake_5points.pickle"));
        return frames;
    }
}
