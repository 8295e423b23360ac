package org.unidefense.data.dataset;

import org.unidefense.data.ImageStore;

import java.nio.file.Path;
import java.util.List;

/**
 * What the forgery readers share: a dataset root, the optional LMDB store under
 * {@code <root>/lmdb/<name>} (the dataset file's {@code use_lmdb}), and the checks of a requested
 * split and method list against what the dataset has.
 */
abstract class ForgeryReaderBase implements ForgeryReader {
    protected final Path root;
    private final String name;
    private final List<String> splits;
    private final List<String> methods;
    private final String lmdb;
    private final StoreOpener opener;

    /**
     * @param lmdb the LMDB store name under {@code <root>/lmdb}, or null to read image files
     */
    ForgeryReaderBase(String name, List<String> splits, List<String> methods, Path root, String lmdb,
                      StoreOpener opener) {
        this.name = name;
        this.splits = splits;
        this.methods = methods;
        this.root = root;
        this.lmdb = lmdb;
        this.opener = opener;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<String> splits() {
        return splits;
    }

    @Override
    public final List<String> methods() {
        return methods;
    }

    /** Throws a user error naming the dataset when the split or a method is not one it has. */
    protected final void check(String split, List<String> requested) {
        Checks.split(name, split, splits);
        Checks.methods(name, requested, methods);
    }

    /** The dataset's LMDB store when configured, else the image files under {@code folder}. */
    protected final ImageStore store(Path folder) {
        return lmdb == null ? opener.folder(folder) : opener.lmdb(root.resolve("lmdb").resolve(lmdb));
    }
}
