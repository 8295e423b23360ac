package org.unidefense.data.syntheticset;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.unidefense.UserInputException;
import org.unidefense.checkpoint.PyTuple;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.data.FaceBox;
import org.unidefense.data.dataset.UniAttackReader;
import org.unidefense.data.dataset.UniAttackSource;
import org.unidefense.data.store.LmdbWriter;
import org.unidefense.data.synth.FrameJitter;
import org.unidefense.data.synth.Identity;
import org.unidefense.data.synth.Pose;
import org.unidefense.data.synth.SampleKind;
import org.unidefense.data.synth.SyntheticFaces;
import org.unidefense.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes a small synthetic dataset in the UniAttack on-disk layout: one directory per dataset
 * ({@code FaceForensics++}, {@code Celeb-DF}, {@code Seq-DeepFake}, {@code HQ_WMCA}, {@code Oulu_NPU},
 * {@code SiW-Mv2}), each with its LMDB store under {@code lmdb/<store name>} and its own index files
 * in the formats {@link UniAttackReader} reads. Every method has {@code videosPerMethod} videos of
 * {@code frames} frames in each of the train, val and test splits.
 *
 * <p>Datasets the reference crops on the fly (all but FF++ and Celeb-DF) store each frame twice:
 * the whole frame under its path (for {@code crop: 4p}, with the face box in its index line) and the
 * face crop under the derived key (for {@code crop: nocrop}). The output depends only on the
 * options: identities and frames come from seeds mixed from the seed and the item's name, LMDB
 * stores are written in key order with a fixed map size, and no file records a time.
 */
public final class SyntheticDatasetWriter {
    /** Margin around the face box of the stored crops (as the reference's pre-cropped stores have one). */
    static final double CROP_MARGIN = 0.3;
    static final List<String> SPLITS = List.of("train", "val", "test");

    /**
     * @param seed            generator seed
     * @param size            image side in pixels
     * @param videosPerMethod videos per method and split
     * @param frames          frames per video
     */
    public record Options(long seed, int size, int videosPerMethod, int frames) {
        public Options {
            if (size < 32) {
                throw new UserInputException("--size: images need at least 32 pixels, found " + size);
            }
            if (videosPerMethod < 1 || videosPerMethod > 999) {
                throw new UserInputException("--videos-per-method: expected 1 to 999, found " + videosPerMethod);
            }
            if (frames < 1 || frames > 9999) {
                throw new UserInputException("--frames: expected 1 to 9999, found " + frames);
            }
        }

        public static Options defaults() {
            return new Options(0, 64, 2, 4);
        }
    }

    /** What was written: frames per dataset directory. */
    public record Summary(Path out, Map<String, Integer> framesByDataset, int images) {
    }

    private final Path out;
    private final Options options;
    private final SyntheticFaces faces;
    private final Map<UniAttackSource, TreeMap<String, byte[]>> stores = new EnumMap<>(UniAttackSource.class);
    private final Map<String, Integer> frameCounts = new LinkedHashMap<>();

    private SyntheticDatasetWriter(Path out, Options options) {
        this.out = out;
        this.options = options;
        this.faces = new SyntheticFaces(options.size());
        for (UniAttackSource s : UniAttackSource.values()) {
            stores.put(s, new TreeMap<>());
        }
    }

    /** The directory of each dataset under the benchmark root (the {@code <name>_root} to configure). */
    public static Path rootOf(Path out, UniAttackSource source) {
        return out.resolve(source.lmdbName());
    }

    /**
     * Writes the benchmark into {@code out}, which must not hold one yet.
     *
     * @throws UserInputException when {@code out} already holds a store or cannot be written
     */
    public static Summary write(Path out, Options options) {
        for (UniAttackSource s : UniAttackSource.values()) {
            if (Files.exists(rootOf(out, s))) {
                throw new UserInputException(rootOf(out, s) + ": already exists; choose an empty output directory");
            }
        }
        SyntheticDatasetWriter w = new SyntheticDatasetWriter(out, options);
        w.writeFfpp();
        w.writeCdf();
        w.writeSeqDf();
        w.writeHq();
        w.writeOulu();
        w.writeSiwm();
        int images = 0;
        for (Map.Entry<UniAttackSource, TreeMap<String, byte[]>> e : w.stores.entrySet()) {
            LmdbWriter.write(rootOf(out, e.getKey()).resolve("lmdb").resolve(e.getKey().lmdbName()), e.getValue());
            images += e.getValue().size();
        }
        return new Summary(out, Map.copyOf(w.frameCounts), images);
    }

    // ---- per-dataset layouts ----

    private void writeFfpp() {
        Map<String, String> dirs = Map.of("DF", "Deepfakes", "F2F", "Face2Face", "FS", "FaceSwap",
                "NT", "NeuralTextures");
        for (String split : SPLITS) {
            List<Object> index = new ArrayList<>();
            for (String m : List.of("Real", "DF", "F2F", "FS", "NT")) {
                for (int v = 0; v < options.videosPerMethod(); v++) {
                    String vid = videoNumber(split, v);
                    String dir = m.equals("Real") ? "original_sequences/youtube/c23/frames/" + vid
                            : "manipulated_sequences/" + dirs.get(m) + "/c23/frames/" + vid + "_"
                            + videoNumber(split, (v + 1) % options.videosPerMethod());
                    for (String line : video(UniAttackSource.FFpp, "FFpp-" + m, split, v, dir, ".png")) {
                        index.add(PyTuple.of(line, m.equals("Real") ? 0L : 1L));
                    }
                }
            }
            saveIndex(UniAttackSource.FFpp, "pickle_files/" + split + "_c23.pickle", index);
        }
    }

    private void writeCdf() {
        for (String split : SPLITS) {
            List<Object> index = new ArrayList<>();
            for (String m : List.of("Real", "Fake")) {
                for (int v = 0; v < options.videosPerMethod(); v++) {
                    String id = "id" + videoNumber(split, v);
                    String dir = m.equals("Fake") ? "Celeb-synthesis/images/" + id + "_id"
                            + videoNumber(split, (v + 1) % options.videosPerMethod()) + "_0000"
                            : v % 2 == 0 ? "Celeb-real/images/" + id + "_0000" : "YouTube-real/images/" + videoNumber(split, v);
                    index.addAll(video(UniAttackSource.CDF, "CDF-" + m, split, v, dir, ".png"));
                }
            }
            saveIndex(UniAttackSource.CDF, "pickle_files/" + split + ".pickle", index);
        }
    }

    private void writeSeqDf() {
        for (String split : SPLITS) {
            for (String m : List.of("Real", "Fake")) {
                List<Object> index = new ArrayList<>();
                String lower = m.toLowerCase(Locale.ROOT);
                for (int v = 0; v < options.videosPerMethod(); v++) {
                    String dir = "Seq-DeepFake/" + (m.equals("Real") ? "original" : "facial_components") + "/"
                            + split + "_" + videoNumber(split, v);
                    index.addAll(video(UniAttackSource.SeqDF, "SeqDF-" + m, split, v, dir, ".jpg"));
                }
                saveIndex(UniAttackSource.SeqDF, "pickle_files/" + split + "_" + lower + ".pickle", index);
            }
        }
    }

    private void writeHq() {
        StringBuilder csv = new StringBuilder();
        Map<String, Object> record = new TreeMap<>();
        List<String> methods = UniAttackReader.METHODS.stream().filter(m -> m.startsWith("HQ-")).toList();
        for (String split : SPLITS) {
            String group = Map.of("train", "train", "val", "dev", "test", "eval").get(split);
            for (int mi = 0; mi < methods.size(); mi++) {
                String method = methods.get(mi);
                String type = method.substring(3);
                boolean real = type.equals("Real");
                for (int v = 0; v < options.videosPerMethod(); v++) {
                    String dirName = group + "_" + type.toLowerCase(Locale.ROOT) + "_" + videoNumber(split, v);
                    List<String> lines = video(UniAttackSource.HQ, method, split, v, "HQ_WMCA/" + dirName, ".jpg");
                    record.put(dirName, new ArrayList<Object>(lines));
                    csv.append("face-station/").append(dirName).append(',').append(real ? 0 : mi + 1).append(',')
                            .append(real ? "bonafide" : "attack/" + type).append(',').append(group).append('\n');
                }
            }
        }
        saveIndex(UniAttackSource.HQ, UniAttackReader.HQ_RECORD, record);
        saveText(rootOf(out, UniAttackSource.HQ).resolve(UniAttackReader.HQ_PROTOCOL), csv.toString());
    }

    private void writeOulu() {
        Map<String, String> files = Map.of("train", "Train_files", "val", "Dev_files", "test", "Test_files");
        for (String m : List.of("Real", "Fake")) {
            List<Object> index = new ArrayList<>();
            for (String split : SPLITS) {
                for (int v = 0; v < options.videosPerMethod(); v++) {
                    // OULU-NPU names videos phone_session_user_type; type 1 is bona fide, 2-3 print, 4-5 replay
                    int type = m.equals("Real") ? 1 : kindOf("OULU-Fake", v) == SampleKind.PRINT ? 2 : 4;
                    String dir = "Oulu_NPU/" + files.get(split) + "/1_1_" + videoNumber(split, v) + "_" + type;
                    index.addAll(video(UniAttackSource.OULU, "OULU-" + m, split, v, dir, ".jpg"));
                }
            }
            saveIndex(UniAttackSource.OULU, "lists/" + m.toLowerCase(Locale.ROOT) + "_5points.pickle", index);
        }
    }

    private void writeSiwm() {
        for (String split : SPLITS) {
            for (String m : List.of("Real", "Fake")) {
                List<Object> index = new ArrayList<>();
                for (int v = 0; v < options.videosPerMethod(); v++) {
                    String dir = m.equals("Real") ? "SiW-Mv2/Live/" + split + "_" + videoNumber(split, v)
                            : "SiW-Mv2/Spoof/" + kindOf("SiWMv2-Fake", v).name().toLowerCase(Locale.ROOT) + "/"
                            + split + "_" + videoNumber(split, v);
                    index.addAll(video(UniAttackSource.SiWMv2, "SiWMv2-" + m, split, v, dir, ".jpg"));
                }
                String list = split + "list_" + (m.equals("Real") ? "live" : "all") + ".pickle";
                saveIndex(UniAttackSource.SiWMv2, "lists/" + list, index);
            }
        }
    }

    // ---- frames ----

    /** Video numbers are unique across splits, so no video id repeats in another split. */
    private String videoNumber(String split, int v) {
        return String.format(Locale.ROOT, "%03d", SPLITS.indexOf(split) * options.videosPerMethod() + v);
    }

    private SampleKind kindOf(String method, int v) {
        List<SampleKind> kinds = SyntheticMethod.kindsOf(method);
        return kinds.get(v % kinds.size());
    }

    /**
     * Renders the frames of one video into its dataset's store and returns their index lines
     * ({@code path label x y w h} and five landmark points, or only the path for FF++ and Celeb-DF).
     */
    private List<String> video(UniAttackSource source, String method, String split, int v, String dir, String ext) {
        SampleKind kind = kindOf(method, v);
        int label = kind.isAttack() ? 1 : 0;
        // The identity depends on the dataset, split and video number, not on the method: a forged
        // video and the real one with the same number show the same person, as in FF++.
        long identitySeed = mix(options.seed(), source.name() + "/" + split + "/" + v);
        boolean withBox = source != UniAttackSource.FFpp && source != UniAttackSource.CDF;
        List<String> lines = new ArrayList<>(options.frames());
        TreeMap<String, byte[]> store = stores.get(source);
        for (int f = 0; f < options.frames(); f++) {
            String path = dir + "/" + String.format(Locale.ROOT, "%04d", f) + ext;
            long frameSeed = mix(identitySeed, method + "/" + f);
            try (PointerScope scope = new PointerScope()) {
                Mat rgb = faces.render(identitySeed, frameSeed, kind);
                FaceBox box = faceBox(identitySeed, frameSeed);
                if (withBox) {
                    store.put(path, ImageCodec.encode(rgb, path));
                    Rect crop = cropRect(box, options.size());
                    store.put(source.cropKey(path), ImageCodec.encode(new Mat(rgb, crop), ".jpg"));
                    lines.add(path + " " + label + " " + box.x() + " " + box.y() + " " + box.width() + " "
                            + box.height() + landmarks(identitySeed, frameSeed));
                } else {
                    // FF++ and Celeb-DF are stored as face crops already: the whole image is the crop.
                    store.put(path, ImageCodec.encode(rgb, path));
                    lines.add(path);
                }
                rgb.close();
            }
        }
        frameCounts.merge(source.lmdbName(), options.frames(), Integer::sum);
        return lines;
    }

    private FaceBox faceBox(long identitySeed, long frameSeed) {
        Identity id = Identity.fromSeed(identitySeed);
        Pose pose = faces.renderer().pose(id, FrameJitter.fromSeed(frameSeed));
        double a = Math.toRadians(pose.angleDeg());
        double halfW = pose.unit() * Math.hypot(Math.cos(a), id.aspect() * Math.sin(a));
        double halfH = pose.unit() * Math.hypot(Math.sin(a), id.aspect() * Math.cos(a));
        double cx = pose.x(0, 0);
        double cy = pose.y(0, 0);
        int s = options.size();
        int x1 = clamp((int) Math.floor(cx - halfW), s - 1);
        int y1 = clamp((int) Math.floor(cy - halfH), s - 1);
        int x2 = clamp((int) Math.ceil(cx + halfW), s);
        int y2 = clamp((int) Math.ceil(cy + halfH), s);
        return new FaceBox(x1, y1, Math.max(1, x2 - x1), Math.max(1, y2 - y1));
    }

    private String landmarks(long identitySeed, long frameSeed) {
        Identity id = Identity.fromSeed(identitySeed);
        Pose pose = faces.renderer().pose(id, FrameJitter.fromSeed(frameSeed));
        double[][] points = {{-0.4, -0.2}, {0.4, -0.2}, {0, 0.2}, {-0.3, 0.5}, {0.3, 0.5}};
        StringBuilder sb = new StringBuilder();
        for (double[] p : points) {
            sb.append(String.format(Locale.ROOT, " %.1f %.1f", pose.x(p[0], p[1] * id.aspect()),
                    pose.y(p[0], p[1] * id.aspect())));
        }
        return sb.toString();
    }

    /** The stored crop: the face box widened as {@code FaceCrop} would with {@link #CROP_MARGIN}. */
    private static Rect cropRect(FaceBox b, int size) {
        int xm = (int) (b.width() * CROP_MARGIN / 2);
        int ym = (int) (b.height() * CROP_MARGIN / 2);
        int x1 = Math.max(0, b.x() - xm);
        int y1 = Math.max(0, b.y() - ym);
        int x2 = Math.min(size, b.x() + b.width() + xm);
        int y2 = Math.min(size, b.y() + b.height() + ym);
        return new Rect(x1, y1, x2 - x1, y2 - y1);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    /** A seed for {@code tag} under {@code seed} (String.hashCode is fixed by the language). */
    static long mix(long seed, String tag) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ tag.hashCode()).nextLong() >>> 1;
    }

    // ---- files ----

    private void saveIndex(UniAttackSource source, String relative, Object value) {
        TorchSaveWriter.write(value, rootOf(out, source).resolve(relative));
    }

    private static void saveText(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot write: " + e, e);
        }
    }
}
