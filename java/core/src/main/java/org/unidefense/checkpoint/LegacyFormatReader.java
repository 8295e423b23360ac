package org.unidefense.checkpoint;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads the legacy (pre-zip) format of {@code torch.save}: five records in a row, namely the
 * pickled magic number, the pickled protocol version 1001, a pickled dict describing the
 * writer's machine, the pickled object, and the pickled list of storage keys; then for each
 * key an int64 element count followed by the storage's raw bytes.
 */
final class LegacyFormatReader {
    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final long PROTOCOL_VERSION = 1001;

    private LegacyFormatReader() {
    }

    static Object read(Path path) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            Object magic = plain(in);
            if (!MAGIC.equals(magic instanceof Long l ? BigInteger.valueOf(l) : magic)) {
                throw new PickleException("a pickle that does not start with torch.save's magic number "
                        + "(found " + AllowedGlobals.describe(magic) + ")");
            }
            Object version = plain(in);
            if (!Long.valueOf(PROTOCOL_VERSION).equals(version)) {
                throw new PickleException("unsupported torch.save protocol version " + version + " (expected 1001)");
            }
            boolean bigEndian = Boolean.FALSE.equals(sysInfo(plain(in)).get("little_endian"));
            PersistentStorages storages = new PersistentStorages(s -> { });
            Object root = new Unpickler(in, storages::resolve).load();
            Object keys = plain(in);
            if (!(keys instanceof List<?> keyList)) {
                throw new PickleException("expected the list of storage keys after the object, got "
                        + AllowedGlobals.describe(keys));
            }
            for (Object key : keyList) {
                readStorage(in, storages.byKey(), String.valueOf(key), bigEndian);
            }
            for (Storage s : storages.byKey().values()) {
                if (!s.isLoaded()) {
                    throw new PickleException("storage " + s.key() + " is used but its data is missing");
                }
            }
            return root;
        }
    }

    private static Object plain(InputStream in) throws IOException {
        return new Unpickler(in, pid -> {
            throw new PickleException("unexpected persistent id outside the object record");
        }).load();
    }

    private static Map<?, ?> sysInfo(Object o) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new PickleException("expected the writer's sys_info dict, got " + AllowedGlobals.describe(o));
    }

    private static void readStorage(InputStream in, Map<String, Storage> byKey, String key, boolean bigEndian)
            throws IOException {
        Storage s = byKey.get(key);
        if (s == null) {
            throw new PickleException("storage data for key " + key + " that the object never uses");
        }
        long count = ByteBuffer.wrap(readFully(in, 8, key)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (count != s.numel()) {
            throw new PickleException("storage " + key + " has " + count + " elements on disk, the pickle says "
                    + s.numel());
        }
        byte[] data = readFully(in, Math.toIntExact(s.nbytes()), key);
        if (bigEndian) {
            Storage.swapToLittleEndian(data, s.dtype().elementSize());
        }
        s.fill(data);
    }

    private static byte[] readFully(InputStream in, int n, String key) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException("the file ends inside the data of storage " + key + " (" + b.length + " of "
                    + n + " bytes)");
        }
        return b;
    }
}
