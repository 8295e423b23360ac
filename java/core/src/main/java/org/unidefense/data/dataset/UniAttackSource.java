package org.unidefense.data.dataset;

import org.unidefense.UserInputException;

import java.util.List;

/**
 * The six datasets of the UniAttack benchmark: the {@code <name>_root} key, the LMDB store
 * name under {@code <root>/lmdb}, the path fragments that route an item to it, and how the key of
 * its pre-cropped face is derived.
 */
public enum UniAttackSource {
    FFpp("FaceForensics++", List.of("manipulated_sequences", "original_sequences")),
    CDF("Celeb-DF", List.of("Celeb-real", "Celeb-synthesis", "YouTube-real")),
    SeqDF("Seq-DeepFake", List.of("Seq-DeepFake")),
    HQ("HQ_WMCA", List.of("HQ_WMCA")),
    OULU("Oulu_NPU", List.of("Oulu_NPU")),
    SiWMv2("SiW-Mv2", List.of("SiW-Mv2"));

    private final String lmdbName;
    private final List<String> markers;

    UniAttackSource(String lmdbName, List<String> markers) {
        this.lmdbName = lmdbName;
        this.markers = markers;
    }

    /** The store's directory name under {@code <root>/lmdb}. */
    public String lmdbName() {
        return lmdbName;
    }

    /** The config key of its root, e.g. {@code FFpp_root}. */
    public String rootKey() {
        return name() + "_root";
    }

    /** Whether the reference's routing by path substring sends {@code path} here. */
    boolean owns(String path) {
        return markers.stream().anyMatch(path::contains);
    }

    /**
     * The dataset an item belongs to, by the fragments of its path, checked in the reference's order.
     *
     * @throws UserInputException when the path names none of them
     */
    public static UniAttackSource ofPath(String path) {
        // The reference checks HQ_WMCA after Oulu_NPU; the order only matters for paths naming both.
        for (UniAttackSource s : List.of(FFpp, CDF, SeqDF, OULU, HQ, SiWMv2)) {
            if (s.owns(path)) {
                return s;
            }
        }
        throw new UserInputException("item '" + path + "': the path names none of the UniAttack datasets"
                + " (original_sequences/manipulated_sequences, Celeb-real/Celeb-synthesis/YouTube-real,"
                + " Seq-DeepFake, Oulu_NPU, HQ_WMCA, SiW-Mv2)");
    }

    /** The key of the stored face crop of {@code path} (what {@code crop: nocrop} reads). */
    public String cropKey(String path) {
        return switch (this) {
            case FFpp, CDF -> path;
            case SeqDF, SiWMv2 -> dropLast4(path) + "_crop.jpg";
            case OULU -> path.replace("Oulu_NPU", "Oulu_NPU_crop");
            case HQ -> path.replace(".jpg", "_crop.jpg");
        };
    }

    private static String dropLast4(String path) {
        return path.length() >= 4 ? path.substring(0, path.length() - 4) : "";
    }

    /** The reference's source name as used in method names and in {@code use_domain_label}. */
    public static UniAttackSource of(String name) {
        for (UniAttackSource s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new UserInputException("unknown UniAttack dataset '" + name + "'; expected one of "
                + List.of(values()));
    }
}
