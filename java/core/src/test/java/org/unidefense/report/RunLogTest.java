package org.unidefense.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogTest {
    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();

    private static Map<String, Number> values(Object... kv) {
        Map<String, Number> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Number) kv[i + 1]);
        }
        return m;
    }

    @Test
    void roundTripKeepsStepsTimesAndValuesLineByLine() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        try (RunLog log = RunLog.open(file, nanos::get)) {
            nanos.set(1_500_000_000L);
            log.log(10, values("loss", 0.75, "cls", 0.5));
            // flushed per line: a reader sees it before the log is closed
            assertEquals(1, RunHistory.read(file).entries().size());
            nanos.set(3_250_000_000L);
            log.log(20, values("loss", 0.25, "auc", 0.875, "n", 7L, "bad", Double.NaN));
        }
        assertEquals(List.of("{\"step\":10,\"time\":1.5,\"loss\":0.75,\"cls\":0.5}",
                "{\"step\":20,\"time\":3.25,\"loss\":0.25,\"auc\":0.875,\"n\":7,\"bad\":\"NaN\"}"),
                Files.readAllLines(file));

        RunHistory h = RunHistory.read(file);
        assertEquals(List.of("loss", "cls", "auc", "n", "bad"), List.copyOf(h.names()));
        assertEquals(20, h.lastStep());
        assertEquals(3.25, h.lastTime());
        RunHistory.Series loss = h.series("loss");
        assertArrayEquals(new double[] {10, 20}, loss.steps());
        assertArrayEquals(new double[] {0.75, 0.25}, loss.values());
        RunHistory.Series auc = h.series("auc");
        assertArrayEquals(new double[] {20}, auc.steps());
        assertTrue(Double.isNaN(h.series("bad").values()[0]));
        assertTrue(h.skipped().isEmpty());
    }

    @Test
    void tornLastLineIsSkippedWithAWarningAndAResumedLogStartsOnAFreshLine() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        try (RunLog log = RunLog.open(file, nanos::get)) {
            nanos.set(2_000_000_000L);
            log.log(1, values("loss", 1.0));
        }
        Files.writeString(file, "{\"step\":2,\"time\":4.0,\"lo", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        RunHistory torn = RunHistory.read(file);
        assertEquals(1, torn.entries().size());
        assertEquals(List.of("metrics.jsonl line 2: truncated (a crash while writing?); skipped"), torn.skipped());

        nanos.set(100_000_000_000L);
        try (RunLog resumed = RunLog.open(file, nanos::get)) {
            nanos.set(101_000_000_000L);
            resumed.log(2, values("loss", 0.5));
        }
        RunHistory after = RunHistory.read(file);
        assertArrayEquals(new double[] {1, 2}, after.series("loss").steps());
        // the clock continues from the last recorded time (2 s) plus 1 s of the new session
        assertEquals(3.0, after.entries().get(1).time());
        assertEquals(1, after.skipped().size());
        assertTrue(after.skipped().get(0).startsWith("metrics.jsonl line 2: not valid JSON"));
    }

    @Test
    void missingFileIsAnEmptyHistoryAndReservedNamesAreRejected() throws IOException {
        RunHistory none = RunHistory.read(dir.resolve("absent.jsonl"));
        assertTrue(none.isEmpty());
        assertEquals(-1, none.lastStep());
        try (RunLog log = RunLog.open(dir.resolve("sub/metrics.jsonl"), nanos::get)) {
            assertThrows(IllegalArgumentException.class, () -> log.log(1, values("step", 3)));
        }
    }

    @Test
    void truncatingAfterAStepDropsLaterRecordsAndATornLineInPlace() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        try (RunLog log = RunLog.open(file, nanos::get)) {
            for (long s = 1; s <= 5; s++) {
                log.log(s, values("loss", 1.0 / s));
            }
            // the resumed run truncates while its log is open, then appends the redone steps
            RunLog.truncateAfter(file, 3);
            log.log(4, values("loss", 0.2));
        }
        Files.writeString(file, "{\"step\":9,\"ti", java.nio.file.StandardOpenOption.APPEND);
        RunLog.truncateAfter(file, 4);
        RunHistory h = RunHistory.read(file);
        assertEquals(java.util.List.of(1L, 2L, 3L, 4L), h.entries().stream().map(RunHistory.Entry::step).toList());
        assertEquals(0.2, h.entries().get(3).values().get("loss"), 1e-12);
        assertTrue(h.skipped().isEmpty(), h.skipped().toString());
    }
}
