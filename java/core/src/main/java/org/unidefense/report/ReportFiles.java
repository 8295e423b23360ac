package org.unidefense.report;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.unidefense.io.AtomicFiles;

/** Writes report files through {@link AtomicFiles}, readable by others like any file a user saves. */
final class ReportFiles {
    private ReportFiles() {
    }

    static void write(Path file, byte[] content) throws IOException {
        AtomicFiles.write(file, tmp -> {
            Files.write(tmp, content);
            // the temporary file is created owner-only (0600); reports are meant to be shared and served
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
        });
    }
}
