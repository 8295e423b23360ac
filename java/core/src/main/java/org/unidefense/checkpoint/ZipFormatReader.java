package org.unidefense.checkpoint;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the zip format of {@code torch.save} (PyTorch ≥ 1.6): {@code ROOT/data.pkl} holds
 * the pickle, {@code ROOT/data/KEY} each storage's raw bytes, {@code ROOT/byteorder} (when
 * present) their byte order. ROOT is any single folder name (the file's stem, or "archive").
 */
final class ZipFormatReader {
    private ZipFormatReader() {
    }

    static Object read(Path path) throws IOException {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            String root = findRoot(zip);
            boolean bigEndian = readByteOrder(zip, root);
            PersistentStorages storages = new PersistentStorages(s -> load(zip, root, s, bigEndian));
            byte[] pickle = readEntry(zip, zip.getEntry(root + "data.pkl"));
            Unpickler u = new Unpickler(new ByteArrayInputStream(pickle), storages::resolve);
            return u.load();
        }
    }

    private static String findRoot(ZipFile zip) {
        List<String> roots = new ArrayList<>();
        boolean torchScript = false;
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            String name = e.nextElement().getName();
            int slash = name.indexOf('/');
            if (slash > 0 && name.substring(slash + 1).equals("data.pkl")) {
                roots.add(name.substring(0, slash + 1));
            }
            torchScript |= name.endsWith("/constants.pkl") || name.contains("/code/");
        }
        if (roots.size() == 1 && !torchScript) {
            return roots.get(0);
        }
        if (torchScript) {
            throw new PickleException("this is a TorchScript archive (torch.jit.save), not a torch.save file");
        }
        throw new PickleException(roots.isEmpty()
                ? "a zip archive without FOLDER/data.pkl, so not a torch.save file"
                : "a zip archive with several data.pkl files " + roots);
    }

    private static boolean readByteOrder(ZipFile zip, String root) throws IOException {
        ZipEntry e = zip.getEntry(root + "byteorder");
        if (e == null) {
            return false; // files from before PyTorch 1.11 have none and are little-endian
        }
        String order = new String(readEntry(zip, e), StandardCharsets.US_ASCII).trim();
        if (!order.equals("little") && !order.equals("big")) {
            throw new PickleException(root + "byteorder says '" + order + "', expected little or big");
        }
        return order.equals("big");
    }

    private static void load(ZipFile zip, String root, Storage storage, boolean bigEndian) {
        String name = root + "data/" + storage.key();
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new PickleException("the pickle names storage " + storage.key() + " but the archive has no " + name);
        }
        try {
            byte[] data = readEntry(zip, e);
            if (data.length != storage.nbytes()) {
                throw new PickleException(name + " holds " + data.length + " bytes, expected " + storage.nbytes()
                        + " (" + storage.numel() + " " + storage.dtype() + ")");
            }
            if (bigEndian) {
                Storage.swapToLittleEndian(data, storage.dtype().elementSize());
            }
            storage.fill(data);
        } catch (IOException ex) {
            throw new PickleException("cannot read " + name + ": " + ex.getMessage(), ex);
        }
    }

    private static byte[] readEntry(ZipFile zip, ZipEntry e) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            return in.readAllBytes();
        }
    }
}
