package org.unidefense.checkpoint;

import org.unidefense.UserInputException;
import org.unidefense.io.AtomicFiles;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes values in the zip format of {@code torch.save} (protocol-2 pickle, PyTorch's
 * default), so Python's {@code torch.load} reads them back. Supported values: None, bool,
 * int, float, str, list, {@link PyTuple}, dict, {@link PyOrderedDict} (with attributes such
 * as {@code _metadata}) and {@link StoredTensor}s of any {@link DType}.
 *
 * <p>Entries are stored uncompressed, and storage data starts on a 64-byte boundary as
 * PyTorch's own writer arranges it (so memory-mapped loading works).
 */
public final class TorchSaveWriter {
    /** The archive's root folder; readers accept any name. */
    static final String ROOT = "archive";
    private static final int ALIGNMENT = 64;
    // A fixed entry time keeps the files byte-for-byte reproducible.
    private static final long ENTRY_TIME = 946684800000L; // 2000-01-01

    private TorchSaveWriter() {
    }

    /** Writes {@code value} to {@code path}, replacing it atomically. */
    public static void write(Object value, Path path) {
        Pickler pickler = new Pickler();
        byte[] pickle;
        try {
            pickle = pickler.pickle(value);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(path + ": " + e.getMessage(), e);
        }
        Path parent = path.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path tmp = parent.resolve(path.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            try {
                writeZip(tmp, pickle, pickler.storages());
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // a runtime failure (exit 4), not bad input: typically a full disk
            IOException f = AtomicFiles.failure(path.toAbsolutePath(), e);
            throw new java.io.UncheckedIOException(f.getMessage(), f);
        }
    }

    private static void writeZip(Path file, byte[] pickle, Map<String, Storage> storages) throws IOException {
        try (CountingStream counter = new CountingStream(new BufferedOutputStream(Files.newOutputStream(file)));
             ZipOutputStream zip = new ZipOutputStream(counter)) {
            zip.setMethod(ZipOutputStream.STORED);
            put(zip, counter, "data.pkl", pickle, false);
            put(zip, counter, "byteorder", "little".getBytes(StandardCharsets.US_ASCII), false);
            for (Map.Entry<String, Storage> e : storages.entrySet()) {
                Storage s = e.getValue();
                put(zip, counter, "data/" + e.getKey(), s.copyBytes(0, s.nbytes()), true);
            }
            put(zip, counter, "version", "3\n".getBytes(StandardCharsets.US_ASCII), false);
        }
    }

    private static void put(ZipOutputStream zip, CountingStream counter, String name, byte[] data, boolean align)
            throws IOException {
        String full = ROOT + "/" + name;
        ZipEntry e = new ZipEntry(full);
        e.setMethod(ZipEntry.STORED);
        e.setTime(ENTRY_TIME);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        if (align) {
            e.setExtra(padding(counter.count + 30 + full.getBytes(StandardCharsets.UTF_8).length));
        }
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** An extra field (id "FB", as PyTorch uses) that pads the entry's data to the alignment. */
    private static byte[] padding(long headerEnd) {
        int pad = (int) ((ALIGNMENT - headerEnd % ALIGNMENT) % ALIGNMENT);
        if (pad < 4) {
            pad += ALIGNMENT;
        }
        byte[] extra = new byte[pad];
        extra[0] = 'F';
        extra[1] = 'B';
        extra[2] = (byte) ((pad - 4) & 0xff);
        extra[3] = (byte) ((pad - 4) >>> 8);
        for (int i = 4; i < pad; i++) {
            extra[i] = 'Z';
        }
        return extra;
    }

    /** Tracks the byte position, so an entry's data offset is known before its header is written. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
