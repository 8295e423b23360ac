package org.unidefense.checkpoint;

import org.unidefense.UserInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks that a checkpoint file written by {@code torch.save} or by libtorch's archives (both are
 * zip files with a {@code <root>/data.pkl} record) is whole before anything native reads it:
 * the zip's central directory is readable (a truncated file has none), it has the pickle record,
 * and every entry's bytes match their CRC-32 (a file damaged in place). libtorch itself reports
 * such files with a C++ stack trace and no file name; this says what is wrong in one line.
 */
public final class ZipIntegrity {
    private static final int BUFFER = 1 << 16;

    private ZipIntegrity() {
    }

    /** What is wrong with {@code file}, or empty if it is a whole checkpoint archive. */
    public static Optional<String> problem(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.of("it does not exist");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            boolean pickle = false;
            byte[] buf = new byte[BUFFER];
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                pickle |= e.getName().endsWith("/data.pkl") || e.getName().equals("data.pkl");
                if (e.isDirectory()) {
                    continue;
                }
                CRC32 crc = new CRC32();
                long n = 0;
                try (InputStream in = zip.getInputStream(e)) {
                    for (int r; (r = in.read(buf)) > 0; ) {
                        crc.update(buf, 0, r);
                        n += r;
                    }
                }
                if (e.getSize() >= 0 && n != e.getSize()) {
                    return Optional.of("its record " + e.getName() + " is cut short (" + n + " of " + e.getSize() + " bytes)");
                }
                if (e.getCrc() >= 0 && crc.getValue() != e.getCrc()) {
                    return Optional.of("its record " + e.getName() + " is damaged (checksum mismatch)");
                }
            }
            if (!pickle) {
                return Optional.of("it is a zip file but not a checkpoint (no data.pkl record)");
            }
            return Optional.empty();
        } catch (ZipException e) {
            return Optional.of(Files.isRegularFile(file) && sizeOf(file) == 0 ? "it is empty"
                    : "it is truncated or not a checkpoint archive (no readable zip directory)");
        } catch (IOException e) {
            return Optional.of("it cannot be read (" + e.getMessage() + ")");
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Throws a one-line {@link UserInputException} naming {@code file} (described as {@code what}) if it is damaged. */
    public static void verify(Path file, String what) {
        problem(file).ifPresent(p -> {
            throw new UserInputException(what + " " + file + " is unusable: " + p);
        });
    }
}
