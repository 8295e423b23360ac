package org.unidefense.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers (and a crash) only ever see the old or the complete new content:
 * the bytes go to a temporary file in the same directory, which is then renamed over the target.
 * Every checkpoint and report of this project is written this way.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes a file's content through a temporary sibling; the callback receives the temporary path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        } catch (IOException e) {
            throw failure(abs, e);
        }
        try {
            try {
                writer.writeTo(tmp);
            } catch (IOException e) {
                throw failure(abs, e);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A write failure that names the file and says the old content is kept; a full disk is said in
     * plain words (Java reports it as "No space left on device" without the path).
     */
    public static IOException failure(Path target, IOException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("cannot write " + target)) {
            return e;
        }
        String why = isDiskFull(e) ? "the disk is full (" + freeSpace(target) + ")" : String.valueOf(e.getMessage());
        return new IOException("cannot write " + target + ": " + why + "; the previous version, if any, is kept", e);
    }

    /** Whether {@code e} is the file system's "no space left" (ENOSPC) or "disk quota exceeded" (EDQUOT). */
    public static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** "N MB free on <store>" for the file system of {@code target}, or a note that it is unknown. */
    public static String freeSpace(Path target) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            return String.format(java.util.Locale.ROOT, "%.1f MB free there",
                    Files.getFileStore(dir).getUsableSpace() / 1048576.0);
        } catch (IOException e) {
            return "free space unknown";
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
    }
}
