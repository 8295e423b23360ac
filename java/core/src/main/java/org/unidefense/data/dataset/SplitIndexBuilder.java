package org.unidefense.data.dataset;

import org.unidefense.UserInputException;
import org.unidefense.config.DatasetConfig;
import org.unidefense.config.ForgeryDatasetConfig;
import org.unidefense.config.OcimDatasetConfig;
import org.unidefense.config.UniAttackDatasetConfig;
import org.unidefense.config.CropMode;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.ImageStore;
import org.unidefense.data.NumpyRandom;
import org.unidefense.data.Sample;
import org.unidefense.data.SplitIndex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the parts a reference engine builds from a dataset file (see {@link SplitIndex} for the
 * roles). Every part draws its frames-per-video choices from a fresh generator seeded with
 * {@link #REFERENCE_SEED}, because every reference dataset object re-seeds numpy on construction.
 */
public final class SplitIndexBuilder {
    /** The seed every reference dataset constructor passes to {@code np.random.seed}. */
    public static final long REFERENCE_SEED = 2022;

    private final CropMode crop;
    private final StoreOpener opener;
    private final boolean requireNonEmpty;
    private final Path baseDir;

    /**
     * @param crop            {@code config.crop} (UniAttack keys depend on it)
     * @param opener          how stores are opened
     * @param requireNonEmpty whether an empty part is an error (true for runs; false to only count)
     * @param baseDir         directory relative roots are resolved against (the working directory, as in the reference)
     */
    public SplitIndexBuilder(CropMode crop, StoreOpener opener, boolean requireNonEmpty, Path baseDir) {
        this.crop = crop;
        this.opener = opener;
        this.requireNonEmpty = requireNonEmpty;
        this.baseDir = baseDir;
    }

    /** Builder for runs: eager stores, empty parts rejected, roots relative to the working directory. */
    public static SplitIndexBuilder forRun(CropMode crop) {
        return new SplitIndexBuilder(crop, StoreOpener.EAGER, true, Path.of(""));
    }

    public SplitIndex build(DatasetConfig config, Stage stage) {
        if (config instanceof ForgeryDatasetConfig f) {
            return forgery(f, stage);
        }
        if (config instanceof OcimDatasetConfig o) {
            return ocim(o, stage);
        }
        return uniAttack((UniAttackDatasetConfig) config, stage);
    }

    private Path path(String p) {
        return baseDir.resolve(p);
    }

    private DatasetSplit part(String name, String split, List<Sample> samples, Map<String, ImageStore> stores) {
        DatasetSplit d = new DatasetSplit(name, split, samples, stores);
        return requireNonEmpty ? d.requireNonEmpty() : d;
    }

    /** The reader a forgery dataset file asks for. */
    public ForgeryReader forgeryReader(ForgeryDatasetConfig c) {
        Path root = path(c.common().root());
        String lmdb = c.common().useLmdb() ? c.lmdb() : null;
        if (c.common().useLmdb() && lmdb == null) {
            throw new UserInputException("dataset file: use_lmdb is true but 'lmdb' (the store name under "
                    + root.resolve("lmdb") + ") is not set");
        }
        return switch (c.common().name()) {
            case FaceForensicsReader.NAME -> new FaceForensicsReader(root, c.compression(), lmdb, opener);
            case CelebDfReader.NAME -> new CelebDfReader(root, lmdb, opener);
            case WildDeepfakeReader.NAME -> new WildDeepfakeReader(root, lmdb, opener);
            case DfdcReader.NAME -> new DfdcReader(root, lmdb, opener);
            default -> throw new UserInputException("dataset file: unknown forgery dataset '" + c.common().name()
                    + "'; expected FFpp, CDF, WDF or DFDC");
        };
    }

    private SplitIndex forgery(ForgeryDatasetConfig c, Stage stage) {
        ForgeryReader r = forgeryReader(c);
        List<String> all = new ArrayList<>(c.realMethods());
        all.addAll(c.fakeMethods());
        List<DatasetSplit> train = new ArrayList<>();
        List<DatasetSplit> val = new ArrayList<>();
        List<DatasetSplit> test = new ArrayList<>();
        if (stage != Stage.TEST) {
            train.add(part("train/real", "train", r.read("train", c.realMethods(), c.realTrainFpv(), seeded()),
                    r.stores("train")));
            train.add(part("train/fake", "train", r.read("train", c.fakeMethods(), c.trainFpv(), seeded()),
                    r.stores("train")));
            // val_split: FF++ validates on val unless told otherwise (RECCE's files validate on test);
            // datasets without a val split validate on the test split, with the test fpv.
            String vs = c.valSplit() != null ? c.valSplit() : r.splits().contains("val") ? "val" : "test";
            Integer vf = vs.equals("val") ? c.valFpv() : c.testFpv();
            val.add(part("val", vs, r.read(vs, all, vf, seeded()), r.stores(vs)));
        }
        if (stage != Stage.TRAIN) {
            test.add(part("test", "test", r.read("test", all, c.testFpv(), seeded()), r.stores("test")));
        }
        return new SplitIndex(r.name(), train, val, test);
    }

    /** The reader an OCIM dataset file asks for. */
    public OcimReader ocimReader(OcimDatasetConfig c) {
        return new OcimReader(path(c.common().root()), c.domainRoots(), c.common().useLmdb(), opener);
    }

    private SplitIndex ocim(OcimDatasetConfig c, Stage stage) {
        OcimReader r = ocimReader(c);
        List<DatasetSplit> train = new ArrayList<>();
        List<DatasetSplit> val = new ArrayList<>();
        List<DatasetSplit> test = new ArrayList<>();
        if (stage != Stage.TEST) {
            for (String d : c.trainDomains()) {
                Map<String, ImageStore> stores = r.stores(d);
                train.add(part("train/" + d + "/real", "train", r.read(d, "real", c.trainFpv(), seeded()), stores));
                train.add(part("train/" + d + "/fake", "train", r.read(d, "fake", c.trainFpv(), seeded()), stores));
            }
            val.add(ocimTarget(r, c, "val"));
        }
        if (stage != Stage.TRAIN) {
            test.add(ocimTarget(r, c, "test"));
        }
        return new SplitIndex("OCIM", train, val, test);
    }

    /** The first test domain, real then fake, resampled from one generator (one reference object). */
    private DatasetSplit ocimTarget(OcimReader r, OcimDatasetConfig c, String name) {
        String d = c.targetDomain();
        NumpyRandom random = seeded();
        List<Sample> samples = new ArrayList<>(r.read(d, "real", c.testFpv(), random));
        samples.addAll(r.read(d, "fake", c.testFpv(), random));
        return part(name, "test", samples, r.stores(d));
    }

    /** The reader a UniAttack dataset file asks for. */
    public UniAttackReader uniAttackReader(UniAttackDatasetConfig c) {
        Map<UniAttackSource, Path> roots = new EnumMap<>(UniAttackSource.class);
        for (UniAttackSource s : UniAttackSource.values()) {
            String r = c.rootOf(s.name());
            if (r != null) {
                roots.put(s, path(r));
            }
        }
        return new UniAttackReader(roots, crop, opener);
    }

    private SplitIndex uniAttack(UniAttackDatasetConfig c, Stage stage) {
        UniAttackReader r = uniAttackReader(c);
        Map<String, ImageStore> stores = r.stores();
        List<DatasetSplit> train = new ArrayList<>();
        List<DatasetSplit> val = new ArrayList<>();
        List<DatasetSplit> test = new ArrayList<>();
        if (stage != Stage.TEST) {
            train.add(part("train/real", "train", r.read("train", c.trainRealMethods(), c.trainRealFpv(),
                    c.trainFakeFpv(), seeded()), stores));
            train.add(part("train/fake", "train", r.read("train", c.trainFakeMethods(), c.trainRealFpv(),
                    c.trainFakeFpv(), seeded()), stores));
        }
        val.add(part("val/real", "val", r.read("val", c.valRealMethods(), c.valRealFpv(), c.valFakeFpv(), seeded()),
                stores));
        val.add(part("val/fake", "val", r.read("val", c.valFakeMethods(), c.valRealFpv(), c.valFakeFpv(), seeded()),
                stores));
        test.add(part("test", "test", r.read("test", c.testMethods(), c.testRealFpv(), c.testFakeFpv(), seeded()),
                stores));
        return new SplitIndex("UniAttack", train, val, test);
    }

    private static NumpyRandom seeded() {
        return new NumpyRandom(REFERENCE_SEED);
    }

    /** Roots of the UniAttack datasets and whether each is null, missing on disk or present. */
    public Map<String, String> uniAttackRootStatus(UniAttackDatasetConfig c) {
        Map<String, String> out = new LinkedHashMap<>();
        for (UniAttackSource s : UniAttackSource.values()) {
            String r = c.rootOf(s.name());
            out.put(s.rootKey(), r == null ? "null" : java.nio.file.Files.isDirectory(path(r)) ? r : r + " (missing)");
        }
        return out;
    }
}
