package org.unidefense.data.store;

import org.lmdbjava.ByteArrayProxy;
import org.lmdbjava.Dbi;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.LmdbException;
import org.lmdbjava.Txn;
import org.unidefense.UserInputException;
import org.unidefense.data.ImageStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An LMDB environment of encoded images keyed by their UTF-8 path, as the reference's datasets
 * store them (a directory holding {@code data.mdb}). Opened read-only, without a lock file (the
 * stores are never written while training reads them, and may sit on read-only media), once per
 * process: {@link #open(Path)} hands every caller the same instance.
 */
public final class LmdbImageStore implements ImageStore {
    /** LMDB's limit on key length (the default build's MDB_MAXKEYSIZE). */
    static final int MAX_KEY_BYTES = 511;
    private static final Map<Path, LmdbImageStore> OPEN = new ConcurrentHashMap<>();

    private final Path dir;
    private final Env<byte[]> env;
    private final Dbi<byte[]> dbi;

    private LmdbImageStore(Path dir, Env<byte[]> env, Dbi<byte[]> dbi) {
        this.dir = dir;
        this.env = env;
        this.dbi = dbi;
    }

    /**
     * The process-wide store of the environment in {@code dir}.
     *
     * @throws UserInputException when {@code dir} holds no LMDB environment or it cannot be opened
     */
    public static LmdbImageStore open(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        return OPEN.computeIfAbsent(key, LmdbImageStore::openNew);
    }

    private static LmdbImageStore openNew(Path dir) {
        if (!Files.isRegularFile(dir.resolve("data.mdb"))) {
            throw new UserInputException(dir + ": no LMDB store here (expected a directory holding data.mdb)");
        }
        try {
            // The byte[] proxy needs no access to JDK internals (the ByteBuffer proxies need --add-opens).
            Env<byte[]> env = Env.create(ByteArrayProxy.PROXY_BA)
                    .setMaxReaders(512)
                    .setMaxDbs(1)
                    .open(dir.toFile(), EnvFlags.MDB_RDONLY_ENV, EnvFlags.MDB_NOLOCK, EnvFlags.MDB_NOTLS);
            Dbi<byte[]> dbi = env.openDbi((byte[]) null);
            return new LmdbImageStore(dir, env, dbi);
        } catch (LmdbException e) {
            throw new UserInputException(dir + ": cannot open the LMDB store: " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public byte[] read(String key) {
        byte[] value = get(key);
        if (value == null) {
            throw new UserInputException(dir + ": LMDB key '" + key + "' not found");
        }
        return value;
    }

    @Override
    public boolean contains(String key) {
        return get(key) != null;
    }

    private byte[] get(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        if (k.length == 0 || k.length > MAX_KEY_BYTES) {
            return null;
        }
        try (Txn<byte[]> txn = env.txnRead()) {
            byte[] v = dbi.get(txn, k);
            // The proxy copies the value out of the map, so it stays valid after the transaction.
            return v;
        } catch (LmdbException e) {
            throw new UserInputException(dir + ": cannot read LMDB key '" + key + "': " + e.getMessage(), e);
        }
    }

    /** Number of entries in the store. */
    public long size() {
        try (Txn<byte[]> txn = env.txnRead()) {
            return dbi.stat(txn).entries;
        }
    }

    @Override
    public String describe() {
        return "LMDB store " + dir;
    }

    /** Shared for the process: closing one user's handle must not close it for the others. */
    @Override
    public void close() {
    }

    /** Closes every open store (tests, and tools that rewrite a store they read). */
    public static synchronized void closeAll() {
        for (LmdbImageStore s : OPEN.values()) {
            s.env.close();
        }
        OPEN.clear();
    }
}
