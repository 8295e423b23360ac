package org.unidefense.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {
    @Test
    void replacesContentAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/report.json");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void failedWriteKeepsThePreviousContent(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("best.pt");
        AtomicFiles.writeString(f, "complete checkpoint");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, tmp -> {
            Files.writeString(tmp, "half of a checkp");
            throw new IOException("disk full");
        }));
        assertEquals("complete checkpoint", Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aFullDiskIsNamedWithTheFileAndThePreviousContentStays(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("latest.pt");
        AtomicFiles.writeString(f, "checkpoint of step 20");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, tmp -> {
            Files.writeString(tmp, "checkpoint of st");
            // what the JDK throws on ENOSPC: no path in the message
            throw new IOException("No space left on device");
        }));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("cannot write " + f.toAbsolutePath()
                + ": the disk is full ("), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().endsWith("MB free there); the previous version, if any, is kept"),
                e.getMessage());
        assertEquals("checkpoint of step 20", Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }
}
