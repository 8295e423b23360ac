package org.unidefense.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.data.store.LmdbImageStore;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code unidefense synth} (default video counts, 32 px to keep the test short), then {@code unidefense data stats} on the result. */
class DataCommandTest {
    @TempDir
    Path tmp;

    @AfterAll
    static void close() {
        LmdbImageStore.closeAll();
    }

    private Path dataFile(Path bench, String hqRoot) throws Exception {
        String data = Files.readString(Path.of("config_template/synthetic/data_prot3.yml"))
                .replace("synthetic_uniattack/HQ_WMCA", hqRoot)
                .replace("synthetic_uniattack", bench.toString());
        Path file = tmp.resolve("data_prot3.yml");
        Files.writeString(file, data);
        return file;
    }

    @Test
    void synthWithDefaultsThenStats() throws Exception {
        Path bench = tmp.resolve("bench");
        long start = System.nanoTime();
        MainTest.Run synth = new MainTest.Run("synth", "--out", bench.toString(), "--size", "32");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, synth.code, synth.err);
        assertTrue(seconds < 60, "benchmark took " + seconds + " s");
        // 22 methods x 3 splits x 2 videos x 4 frames
        assertTrue(synth.out.contains("wrote"), synth.out);

        Path data = dataFile(bench, bench.resolve("HQ_WMCA").toString());
        MainTest.Run stats = new MainTest.Run("data", "stats", "--config", data.toString());
        assertEquals(0, stats.code, stats.err + stats.out);
        String out = stats.out;
        assertTrue(out.contains("CDF_root     null"), out);
        // two videos of four frames; train_fake_fpv 4 keeps all of them
        assertTrue(out.matches("(?s).*train/fake +\\(split train\\): 14 videos, 56 frames.*"), out);
        assertTrue(out.matches("(?s).*HQ-Makeup +2 videos +8 frames.*"), out);
        // val fpv 2: two frames per video
        assertTrue(out.matches("(?s).*val/real +\\(split val\\): 4 videos, 8 frames.*"), out);
        assertTrue(out.matches("(?s).*test +\\(split test\\): 4 videos, 16 frames.*"), out);
    }

    @Test
    void statsNamesMissingRootsAndFiles() throws Exception {
        Path bench = tmp.resolve("empty");
        Files.createDirectories(bench.resolve("FaceForensics++"));
        Path data = dataFile(bench, tmp.resolve("nowhere").toString());
        MainTest.Run stats = new MainTest.Run("data", "stats", "--config", data.toString());
        assertEquals(ExitCodes.BAD_INPUT, stats.code, stats.out);
        assertTrue(stats.out.contains("nowhere (missing)"), stats.out);
        assertTrue(stats.out.contains("HQ-Real: missing:"), stats.out);
        assertTrue(stats.out.contains("train_c23.pickle"), stats.out);
        assertTrue(stats.err.contains("could not be read"), stats.err);
    }
}
