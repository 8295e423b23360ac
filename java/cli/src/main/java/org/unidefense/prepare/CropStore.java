package org.unidefense.prepare;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.TreeMap;

import org.unidefense.UserInputException;
import org.unidefense.data.store.LmdbWriter;

/**
 * Puts prepared crops into an LMDB store keyed {@code <outDir>/<file>}: built whole in a
 * {@code .partial} sibling by {@link LmdbWriter} and then moved into place, so a store on disk is
 * always complete (an interrupted run leaves none, or the previous one). The crops are held in
 * memory while the store is written (one transaction, sorted keys: reproducible bytes), which
 * bounds the size of a {@code prepare folder} or {@code prepare ocim} output by the JVM heap.
 */
final class CropStore {
    private CropStore() {
    }

    static void write(Path lmdb, Path cropRoot, List<VideoRecord> records) {
        TreeMap<String, byte[]> store = new TreeMap<>();
        for (VideoRecord r : records) {
            for (CroppedFace c : r.crops()) {
                String key = r.outDir() + "/" + c.file();
                try {
                    store.put(key, Files.readAllBytes(cropRoot.resolve(key)));
                } catch (IOException e) {
                    throw new UserInputException(cropRoot.resolve(key) + ": a prepared crop is missing (" + e
                            + "); delete the prepare-state folder next to it and prepare again", e);
                }
            }
        }
        Path partial = lmdb.resolveSibling(lmdb.getFileName() + ".partial");
        try {
            PrepareRun.deleteTree(partial);
            LmdbWriter.write(partial, store);
            PrepareRun.deleteTree(lmdb);
            try {
                Files.move(partial, lmdb, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, lmdb);
            }
        } catch (IOException e) {
            throw new UserInputException(lmdb + ": cannot write the LMDB store: " + e, e);
        }
    }
}
