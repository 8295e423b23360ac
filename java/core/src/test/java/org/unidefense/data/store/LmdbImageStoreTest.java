package org.unidefense.data.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LmdbImageStoreTest {
    @TempDir
    Path tmp;

    @AfterEach
    void closeStores() {
        LmdbImageStore.closeAll();
    }

    private static TreeMap<String, byte[]> entries() {
        TreeMap<String, byte[]> m = new TreeMap<>();
        m.put("Oulu_NPU_crop/Train_files/1_1_01_1/0001.jpg", "first".getBytes(StandardCharsets.UTF_8));
        m.put("Oulu_NPU_crop/Train_files/1_1_01_1/0002.jpg", new byte[] {0, 1, 2, (byte) 255});
        m.put("a", new byte[0]);
        return m;
    }

    @Test
    void readsBackWhatWasWritten() {
        LmdbWriter.write(tmp.resolve("db"), entries());
        LmdbImageStore store = LmdbImageStore.open(tmp.resolve("db"));
        assertEquals(3, store.size());
        assertArrayEquals("first".getBytes(StandardCharsets.UTF_8),
                store.read("Oulu_NPU_crop/Train_files/1_1_01_1/0001.jpg"));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, store.read("Oulu_NPU_crop/Train_files/1_1_01_1/0002.jpg"));
        assertTrue(store.contains("a"));
        assertFalse(store.contains("b"));
        assertSame(store, LmdbImageStore.open(tmp.resolve("db/../db")), "one instance per environment");
        assertFalse(Files.exists(tmp.resolve("db/lock.mdb")));
    }

    @Test
    void missingKeyNamesStoreAndKey() {
        LmdbWriter.write(tmp.resolve("db"), entries());
        UserInputException e = assertThrows(UserInputException.class,
                () -> LmdbImageStore.open(tmp.resolve("db")).read("Oulu_NPU_crop/missing.jpg"));
        assertTrue(e.getMessage().contains("'Oulu_NPU_crop/missing.jpg'"), e.getMessage());
        assertTrue(e.getMessage().contains(tmp.resolve("db").toString()), e.getMessage());
    }

    @Test
    void missingStoreIsBadInput() {
        UserInputException e = assertThrows(UserInputException.class,
                () -> LmdbImageStore.open(tmp.resolve("nothing")));
        assertTrue(e.getMessage().contains("data.mdb"), e.getMessage());
    }

    @Test
    void sameEntriesGiveSameBytes() throws Exception {
        LmdbWriter.write(tmp.resolve("one"), entries());
        LmdbWriter.write(tmp.resolve("two"), entries());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("one/data.mdb")), Files.readAllBytes(tmp.resolve("two/data.mdb")));
    }
}
