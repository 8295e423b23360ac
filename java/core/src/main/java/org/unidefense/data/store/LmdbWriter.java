package org.unidefense.data.store;

import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;
import org.unidefense.UserInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes a new LMDB store of encoded images in one transaction, keys in sorted (byte) order and
 * with a fixed map size, so that the same entries give the same {@code data.mdb} bytes. No lock
 * file is created.
 */
public final class LmdbWriter {
    /** Map size used unless a larger one is needed: 64 MiB of address space, not of disk. */
    public static final long DEFAULT_MAP_SIZE = 64L << 20;

    private LmdbWriter() {
    }

    /**
     * Writes {@code entries} (UTF-8 keys; a {@link SortedMap} of Java strings sorts ASCII keys in
     * LMDB's byte order) into a fresh store in {@code dir}, which must not hold a store yet.
     */
    public static void write(Path dir, SortedMap<String, byte[]> entries) {
        long payload = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            payload += e.getKey().length() * 3L + e.getValue().length + 64;
        }
        long mapSize = DEFAULT_MAP_SIZE;
        while (mapSize < payload * 2) {
            mapSize *= 2;
        }
        try {
            Files.createDirectories(dir);
            if (Files.exists(dir.resolve("data.mdb"))) {
                throw new UserInputException(dir + ": an LMDB store already exists here");
            }
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot create the LMDB directory: " + e, e);
        }
        try (Env<byte[]> env = Env.create(ByteArrayProxy.PROXY_BA)
                .setMapSize(mapSize)
                .setMaxDbs(1)
                .open(dir.toFile(), EnvFlags.MDB_NOLOCK)) {
            Dbi<byte[]> dbi = env.openDbi((byte[]) null, DbiFlags.MDB_CREATE);
            try (Txn<byte[]> txn = env.txnWrite()) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
                    if (k.length > LmdbImageStore.MAX_KEY_BYTES) {
                        throw new UserInputException(dir + ": LMDB key longer than " + LmdbImageStore.MAX_KEY_BYTES
                                + " bytes: '" + e.getKey() + "'");
                    }
                    dbi.put(txn, k, e.getValue(), PutFlags.MDB_NOOVERWRITE);
                }
                txn.commit();
            }
        } catch (LmdbException e) {
            throw new UserInputException(dir + ": cannot write the LMDB store: " + e.getMessage(), e);
        }
    }
}
