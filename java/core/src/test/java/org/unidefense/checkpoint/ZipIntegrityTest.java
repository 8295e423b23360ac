package org.unidefense.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole, truncated, damaged and foreign files as checkpoint archives. */
class ZipIntegrityTest {
    @TempDir
    Path dir;

    private Path checkpoint() {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("step", 3L);
        top.put("note", "x".repeat(4000));
        Path f = dir.resolve("latest.pt");
        TorchSaveWriter.write(top, f);
        return f;
    }

    @Test
    void aWholeCheckpointPasses() {
        assertEquals(Optional.empty(), ZipIntegrity.problem(checkpoint()));
    }

    @Test
    void truncatedEmptyDamagedAndForeignFilesAreNamed() throws IOException {
        byte[] whole = Files.readAllBytes(checkpoint());
        Path cut = Files.write(dir.resolve("cut.pt"), Arrays.copyOf(whole, whole.length - 30));
        assertTrue(ZipIntegrity.problem(cut).orElseThrow().contains("truncated"));
        Path empty = Files.write(dir.resolve("empty.pt"), new byte[0]);
        assertEquals("it is empty", ZipIntegrity.problem(empty).orElseThrow());
        byte[] flipped = whole.clone();
        int at = indexOf(whole, "xxxxxxxx".getBytes());
        flipped[at + 10] = 'y';
        Path damaged = Files.write(dir.resolve("damaged.pt"), flipped);
        assertTrue(ZipIntegrity.problem(damaged).orElseThrow().contains("data.pkl is damaged"),
                ZipIntegrity.problem(damaged).toString());
        Path text = Files.writeString(dir.resolve("notes.pt"), "not a checkpoint");
        assertTrue(ZipIntegrity.problem(text).orElseThrow().contains("not a checkpoint archive"));
        assertEquals("it does not exist", ZipIntegrity.problem(dir.resolve("none.pt")).orElseThrow());
        UserInputException e = assertThrows(UserInputException.class, () -> ZipIntegrity.verify(cut, "checkpoint"));
        assertTrue(e.getMessage().startsWith("checkpoint " + cut + " is unusable: "), e.getMessage());
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
