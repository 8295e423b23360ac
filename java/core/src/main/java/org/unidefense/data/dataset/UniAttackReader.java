package org.unidefense.data.dataset;

import org.unidefense.UserInputException;
import org.unidefense.config.CropMode;
import org.unidefense.data.FramesPerVideo;
import org.unidefense.data.ImageStore;
import org.unidefense.data.NumpyRandom;
import org.unidefense.data.Sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UniAttack benchmark as the reference reads it. Methods are {@code <dataset>-<name>}; each
 * dataset has its own index files and split naming:
 * <ul>
 *   <li>FFpp: {@code pickle_files/<split>_c23.pickle} ({@code (path, label)} pairs), a method takes
 *       the paths containing {@code Deepfakes}, {@code Face2Face}, {@code FaceSwap}, {@code NeuralTextures}
 *       or {@code original_sequences};</li>
 *   <li>CDF: {@code pickle_files/<split>.pickle}; Real = paths with {@code YouTube-real} or {@code Celeb-real},
 *       Fake = paths with {@code Celeb-synthesis};</li>
 *   <li>SeqDF: {@code pickle_files/<split>_real.pickle} / {@code _fake.pickle}, frame-level: never resampled;</li>
 *   <li>HQ: {@code PROTOCOL-grand_test-curated.csv} picks videos (column 2 {@code 0} = bona fide, column 3
 *       {@code attack/<Type>}, last column {@code train}/{@code dev}/{@code eval} for train/val/test) whose frames
 *       {@code record.pickle} lists by directory name;</li>
 *   <li>OULU: {@code lists/real_5points.pickle} / {@code fake_5points.pickle}, lines containing
 *       {@code Train_files}/{@code Dev_files}/{@code Test_files};</li>
 *   <li>SiWMv2: {@code lists/<split>list_live.pickle} (Real) and {@code <split>list_all.pickle} (Fake).</li>
 * </ul>
 * All images come from the store {@code <dataset root>/lmdb/<store name>}; with {@code crop: nocrop}
 * the key is that of the stored face crop ({@link UniAttackSource#cropKey}), with {@code 4p} the
 * path itself. FFpp and Celeb-DF items are never cropped further (they carry no face box).
 */
public final class UniAttackReader {
    public static final List<String> METHODS = List.of(
            "FFpp-DF", "FFpp-F2F", "FFpp-FS", "FFpp-NT", "FFpp-Real",
            "CDF-Fake", "CDF-Real",
            "SeqDF-Fake", "SeqDF-Real",
            "HQ-Flexiblemask", "HQ-Glasses", "HQ-Makeup", "HQ-Mannequin",
            "HQ-Papermask", "HQ-Replay", "HQ-Rigidmask", "HQ-Tattoo", "HQ-Real",
            "OULU-Fake", "OULU-Real",
            "SiWMv2-Fake", "SiWMv2-Real");
    public static final List<String> SPLITS = List.of("train", "val", "test");
    public static final String HQ_PROTOCOL = "PROTOCOL-grand_test-curated.csv";
    public static final String HQ_RECORD = "record.pickle";
    static final Map<String, String> FFPP_FRAGMENT = Map.of(
            "DF", "Deepfakes", "F2F", "Face2Face", "FS", "FaceSwap", "NT", "NeuralTextures",
            "Real", "original_sequences");
    static final Map<String, String> HQ_SPLIT = Map.of("train", "train", "val", "dev", "test", "eval");
    static final Map<String, String> OULU_SPLIT = Map.of("train", "Train_files", "val", "Dev_files",
            "test", "Test_files");

    private final Map<UniAttackSource, Path> roots;
    private final CropMode crop;
    private final StoreOpener opener;

    /**
     * @param roots the configured root of each dataset; a dataset absent here (a null root) cannot be read
     * @param crop  decides the LMDB key ({@code nocrop}: the stored face crop; {@code 4p}: the frame)
     */
    public UniAttackReader(Map<UniAttackSource, Path> roots, CropMode crop, StoreOpener opener) {
        this.roots = new EnumMap<>(UniAttackSource.class);
        this.roots.putAll(roots);
        this.crop = crop;
        this.opener = opener;
    }

    /** The configured datasets. */
    public Map<UniAttackSource, Path> roots() {
        return Map.copyOf(roots);
    }

    private Path root(UniAttackSource s, String method) {
        Path r = roots.get(s);
        if (r == null) {
            throw new UserInputException("UniAttack: method '" + method + "' needs '" + s.rootKey()
                    + "', which is null");
        }
        return r;
    }

    /**
     * The samples of {@code methods} in {@code split}, in method order, each method resampled on its
     * own with the real or fake frames-per-video (null = all) from the shared {@code random}.
     */
    public List<Sample> read(String split, List<String> methods, Integer realFpv, Integer fakeFpv,
                             NumpyRandom random) {
        Checks.split("UniAttack", split, SPLITS);
        Checks.methods("UniAttack", methods, METHODS);
        List<Sample> out = new ArrayList<>();
        for (String method : methods) {
            out.addAll(readMethod(split, method, realFpv, fakeFpv, random));
        }
        return out;
    }

    /** One method's samples (see {@link #read}). */
    public List<Sample> readMethod(String split, String method, Integer realFpv, Integer fakeFpv,
                                   NumpyRandom random) {
        Checks.split("UniAttack", split, SPLITS);
        Checks.methods("UniAttack", List.of(method), METHODS);
        int dash = method.indexOf('-');
        UniAttackSource source = UniAttackSource.of(method.substring(0, dash));
        String name = method.substring(dash + 1);
        boolean real = name.equals("Real");
        Path root = root(source, method);
        List<String> lines = switch (source) {
            case FFpp -> IndexFiles.lines(root.resolve("pickle_files").resolve(split + "_c23.pickle")).stream()
                    .filter(l -> IndexLine.pathOf(l).contains(FFPP_FRAGMENT.get(name))).toList();
            case CDF -> IndexFiles.lines(root.resolve("pickle_files").resolve(split + ".pickle")).stream()
                    .filter(l -> real ? l.contains("YouTube-real") || l.contains("Celeb-real")
                            : l.contains("Celeb-synthesis")).toList();
            case SeqDF -> IndexFiles.lines(root.resolve("pickle_files")
                    .resolve(split + "_" + name.toLowerCase(java.util.Locale.ROOT) + ".pickle"));
            case HQ -> hqLines(root, split, name);
            case OULU -> IndexFiles.lines(root.resolve("lists")
                    .resolve(name.toLowerCase(java.util.Locale.ROOT) + "_5points.pickle")).stream()
                    .filter(l -> l.contains(OULU_SPLIT.get(split))).toList();
            case SiWMv2 -> IndexFiles.lines(root.resolve("lists")
                    .resolve(split + "list_" + (real ? "live" : "all") + ".pickle"));
        };
        int label = real ? Sample.REAL : Sample.FAKE;
        List<Sample> samples = new ArrayList<>(lines.size());
        for (String line : lines) {
            String path = IndexLine.pathOf(line);
            UniAttackSource owner = UniAttackSource.ofPath(path);
            String key = crop == CropMode.NOCROP ? owner.cropKey(path) : path;
            boolean box = owner != UniAttackSource.FFpp && owner != UniAttackSource.CDF;
            samples.add(IndexLine.toSample(line, key, label, method, owner.name(), box));
        }
        // Seq-DeepFake is frame-level: the reference never resamples it.
        Integer fpv = source == UniAttackSource.SeqDF ? null : real ? realFpv : fakeFpv;
        return FramesPerVideo.resample(samples, fpv, random);
    }

    private static List<String> hqLines(Path root, String split, String name) {
        Path protocol = root.resolve(HQ_PROTOCOL);
        List<String> rows;
        try {
            rows = Files.readAllLines(protocol, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException(protocol + ": cannot read the HQ-WMCA protocol: " + e, e);
        }
        Map<String, List<String>> record = IndexFiles.dictOfLines(root.resolve(HQ_RECORD));
        String group = HQ_SPLIT.get(split);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] items = rows.get(i).strip().split(",", -1);
            if (items.length < 3) {
                continue;
            }
            boolean take = name.equals("Real") ? items[1].equals("0") : items[2].equals("attack/" + name);
            if (!take || !items[items.length - 1].equals(group)) {
                continue;
            }
            String directory = items[0].substring(items[0].lastIndexOf('/') + 1);
            List<String> frames = record.get(directory);
            if (frames == null) {
                throw new UserInputException(root.resolve(HQ_RECORD) + ": no frames for video '" + directory
                        + "' (" + protocol.getFileName() + " line " + (i + 1) + ")");
            }
            out.addAll(frames);
        }
        return out;
    }

    /** The stores of the configured datasets, keyed by source name. */
    public Map<String, ImageStore> stores() {
        Map<String, ImageStore> out = new LinkedHashMap<>();
        roots.forEach((s, r) -> out.put(s.name(), opener.lmdb(r.resolve("lmdb").resolve(s.lmdbName()))));
        return out;
    }

    /**
     * The reference's domain labels ({@code use_domain_label}): the datasets of the real training
     * methods, sorted by name, numbered from 0.
     */
    public static Map<String, Integer> domainLabels(List<String> trainRealMethods) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        trainRealMethods.forEach(m -> names.add(m.substring(0, m.indexOf('-'))));
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, out.size());
        }
        return out;
    }
}
