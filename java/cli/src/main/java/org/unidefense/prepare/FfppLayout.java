package org.unidefense.prepare;

import java.util.List;
import java.util.Map;

import org.unidefense.UserInputException;
import org.unidefense.data.dataset.FaceForensicsReader;

/**
 * Names of the FaceForensics++ download tree (as the official download script writes it) and of
 * the prepared tree the reference's FaceForensics loader reads.
 *
 * <p>Download: {@code original_sequences/youtube/<c>/videos/<id>.mp4},
 * {@code manipulated_sequences/<method>/<c>/videos/<target>_<source>.mp4}, where the folder of
 * compression {@code c0} is {@code raw} (the reference's {@code COMP2NAME}); the split files are
 * the official {@code train.json}, {@code val.json}, {@code test.json} (lists of id pairs).
 *
 * <p>Prepared: the same folders with {@code frames/<video>/<frame>.png} in place of
 * {@code videos/<video>.mp4}. The reference only requires that a path contains
 * {@code original_sequences} (label 0) or the method's name; the {@code frames} folder is the
 * choice the synthetic benchmark also makes, and it keeps the video name as the last folder so
 * that the reference's per-video resampling ({@code path.rsplit('/', 1)[0]}) groups frames by video.
 */
public final class FfppLayout {
    public static final String ORIGINAL = "original_sequences/youtube";
    public static final String MANIPULATED = "manipulated_sequences";
    public static final List<String> SPLITS = FaceForensicsReader.SPLITS;
    /** The reference's manipulation methods (its METHOD list without Origin). */
    public static final List<String> METHODS = FaceForensicsReader.METHODS.subList(1, FaceForensicsReader.METHODS.size());
    private static final Map<String, String> FOLDER_OF_COMPRESSION = Map.of("c0", "raw", "c23", "c23", "c40", "c40");

    private FfppLayout() {
    }

    /** The download folder name of a compression ({@code c0} is {@code raw}). */
    public static String compressionFolder(String compression) {
        String f = FOLDER_OF_COMPRESSION.get(compression);
        if (f == null) {
            throw new UserInputException("unknown compression '" + compression + "'; expected one of "
                    + FaceForensicsReader.COMPRESSIONS);
        }
        return f;
    }

    /** {@code original_sequences/youtube/<c>} or {@code manipulated_sequences/<method>/<c>}. */
    public static String sequenceDir(String method, String compression) {
        String c = compressionFolder(compression);
        return method == null ? ORIGINAL + "/" + c : MANIPULATED + "/" + method + "/" + c;
    }

    /** The index file of a split, relative to the prepared root. */
    public static String indexFile(String split, String compression) {
        return "pickle_files/" + split + "_" + compression + ".pickle";
    }
}
