package org.unidefense.data.dataset;

import org.unidefense.UserInputException;
import org.unidefense.data.FramesPerVideo;
import org.unidefense.data.ImageStore;
import org.unidefense.data.NumpyRandom;
import org.unidefense.data.Sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An OCIM domain (OULU-NPU, CASIA-FASD, Idiap Replay-Attack, MSU-MFSD) as the reference reads it:
 * {@code <root>/<domain root>/lists/real_5points.pickle} and {@code fake_5points.pickle} list
 * lines {@code path label x y w h [landmarks]} for the whole domain (OCIM has no per-split files:
 * a domain is either a training source or the target). Images come from the LMDB store
 * {@code <root>/lmdb/<domain root>} under the key of the pre-cropped face (see {@link #cropKey}),
 * or with {@code use_lmdb: false} from files under {@code <root>} by path.
 */
public final class OcimReader {
    public static final List<String> DOMAINS = List.of("O", "C", "I", "M");
    public static final List<String> LABELS = List.of("real", "fake");

    private final Path root;
    private final Map<String, String> domainRoots;
    private final boolean useLmdb;
    private final StoreOpener opener;

    /** @param domainRoots {@code O_root} ... {@code M_root} by domain letter (directories under {@code root}) */
    public OcimReader(Path root, Map<String, String> domainRoots, boolean useLmdb, StoreOpener opener) {
        this.root = root;
        this.domainRoots = Map.copyOf(domainRoots);
        this.useLmdb = useLmdb;
        this.opener = opener;
    }

    private String domainRoot(String domain) {
        if (!DOMAINS.contains(domain)) {
            throw new UserInputException("OCIM: unknown domain '" + domain + "'; expected one of " + DOMAINS);
        }
        String r = domainRoots.get(domain);
        if (r == null) {
            throw new UserInputException("OCIM: domain " + domain + " is used but '" + domain + "_root' is not set");
        }
        return r;
    }

    public Path listFile(String domain, String label) {
        return root.resolve(domainRoot(domain)).resolve("lists").resolve(label + "_5points.pickle");
    }

    /** The frames of {@code domain} with {@code label} ({@code real} or {@code fake}), resampled. */
    public List<Sample> read(String domain, String label, Integer fpv, NumpyRandom random) {
        if (!LABELS.contains(label)) {
            throw new UserInputException("OCIM: unknown label '" + label + "'; expected one of " + LABELS);
        }
        int y = label.equals("real") ? Sample.REAL : Sample.FAKE;
        String dr = domainRoot(domain);
        List<Sample> out = new ArrayList<>();
        for (String line : IndexFiles.lines(listFile(domain, label))) {
            String path = IndexLine.pathOf(line);
            String key = useLmdb ? cropKey(path, dr) : path;
            out.add(IndexLine.toSample(line, key, y, label, domain, true));
        }
        return FramesPerVideo.resample(out, fpv, random);
    }

    /** The store of {@code domain}, keyed by the domain letter. */
    public Map<String, ImageStore> stores(String domain) {
        String dr = domainRoot(domain);
        return Map.of(domain, useLmdb ? opener.lmdb(root.resolve("lmdb").resolve(dr)) : opener.folder(root));
    }

    /**
     * The key of the pre-cropped face of {@code path}, as the reference derives it: the dataset
     * directory gains a {@code _crop} suffix ({@code replayattack}, {@code CASIA_database},
     * {@code MSU-MFSD}, {@code Oulu_NPU}, every occurrence), or for HQ-WMCA and SiW-Mv2 the file name
     * gains it before {@code .jpg}.
     *
     * @param domainRoot the domain's root directory (the reference recognises SiW-Mv2 by it)
     */
    public static String cropKey(String path, String domainRoot) {
        String out;
        if (path.contains("replayattack")) {
            out = path.replace("replayattack", "replayattack_crop");
        } else if (path.contains("CASIA_database")) {
            out = path.replace("CASIA_database", "CASIA_database_crop");
        } else if (path.contains("MSU-MFSD")) {
            out = path.replace("MSU-MFSD", "MSU-MFSD_crop");
        } else if (path.contains("Oulu_NPU")) {
            out = path.replace("Oulu_NPU", "Oulu_NPU_crop");
        } else if (path.contains("HQ_WMCA") || domainRoot.contains("Siw-MV2")) {
            out = path.replace(".jpg", "_crop.jpg");
        } else {
            throw new UserInputException("item '" + path + "': cannot derive its LMDB key: the path names none of"
                    + " replayattack, CASIA_database, MSU-MFSD, Oulu_NPU, HQ_WMCA");
        }
        return out;
    }
}
