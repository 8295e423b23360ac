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
 * FaceForensics++ as the reference reads it: the index {@code <root>/pickle_files/<split>_<compression>.pickle}
 * (RECCE: {@code <root>/<split>_<compression>.pickle}, see {@link #indexFile}) lists {@code (path, label)}
 * pairs; a path is taken for {@code Origin} when it contains {@code original}, and for a manipulation
 * method when it contains the method's name. The label is 0 exactly when the path contains
 * {@code original_sequences}. Images are files under the root, or (with {@code use_lmdb}) entries of {@code <root>/lmdb/<lmdb>} keyed by the path.
 */
public final class FaceForensicsReader extends ForgeryReaderBase {
    public static final String NAME = "FFpp";
    public static final List<String> METHODS = List.of("Origin", "Deepfakes", "Face2Face", "FaceSwap",
            "NeuralTextures", "FaceShifter", "DeeperForensics");
    public static final List<String> SPLITS = List.of("train", "val", "test");
    public static final List<String> COMPRESSIONS = List.of("c0", "c23", "c40");

    private final String compression;

    /**
     * @param lmdb the LMDB store name under {@code <root>/lmdb}, or null to read image files
     */
    public FaceForensicsReader(Path root, String compression, String lmdb, StoreOpener opener) {
        super(NAME, SPLITS, METHODS, root, lmdb, opener);
        if (!COMPRESSIONS.contains(compression)) {
            throw new UserInputException(NAME + ": unknown compression '" + compression + "'; expected one of "
                    + COMPRESSIONS);
        }
        this.compression = compression;
    }

    /**
     * {@code <root>/pickle_files/<split>_<compression>.pickle} (UniDefense's layout), or where only
     * that is missing and {@code <root>/<split>_<compression>.pickle} exists, the latter: RECCE keeps
     * the same index, a list of {@code (path, label)} pairs, directly in the root.
     */
    public Path indexFile(String split) {
        String name = split + "_" + compression + ".pickle";
        Path unidefense = root.resolve("pickle_files").resolve(name);
        Path recce = root.resolve(name);
        return !java.nio.file.Files.exists(unidefense) && java.nio.file.Files.isRegularFile(recce) ? recce : unidefense;
    }

    @Override
    public List<Sample> read(String split, List<String> methods, Integer fpv, NumpyRandom random) {
        check(split, methods);
        List<Sample> out = new ArrayList<>();
        Path index = indexFile(split);
        if (!java.nio.file.Files.exists(index)) {
            throw new UserInputException(index + ": index file not found (nor at " + root.resolve(index.getFileName())
                    + ", where RECCE keeps it)");
        }
        for (String line : IndexFiles.lines(index)) {
            String path = IndexLine.pathOf(line);
            int label = path.contains("original_sequences") ? Sample.REAL : Sample.FAKE;
            // A path matching several selected methods is listed once per match, as in the reference.
            if (methods.contains("Origin") && path.contains("original")) {
                out.add(IndexLine.toSample(line, path, label, "Origin", NAME, false));
            }
            for (String m : METHODS.subList(1, METHODS.size())) {
                if (methods.contains(m) && path.contains(m)) {
                    out.add(IndexLine.toSample(line, path, label, m, NAME, false));
                }
            }
        }
        return FramesPerVideo.resample(out, fpv, random);
    }

    @Override
    public Map<String, ImageStore> stores(String split) {
        return Map.of(NAME, store(root));
    }
}
