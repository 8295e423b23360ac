package org.unidefense.data.dataset;

import org.unidefense.data.ImageStore;
import org.unidefense.data.store.FolderImageStore;
import org.unidefense.data.store.LmdbImageStore;

import java.nio.file.Path;

/**
 * How readers open image stores: {@link #EAGER} opens LMDB stores while the index is built (a
 * missing store fails at once, as in the reference); {@link #LAZY} defers it to the first read
 * (for tools that only count items).
 */
public interface StoreOpener {

    ImageStore lmdb(Path dir);

    default ImageStore folder(Path root) {
        return new FolderImageStore(root);
    }

    StoreOpener EAGER = LmdbImageStore::open;

    StoreOpener LAZY = dir -> new LazyImageStore("LMDB store " + dir, () -> LmdbImageStore.open(dir));
}
