package org.unidefense.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimingStatsTest {
    @Test
    void medianOfOddAndEvenCounts() {
        TimingStats odd = TimingStats.of(new double[]{3, 1, 2});
        assertEquals(2, odd.medianSeconds());
        assertEquals(1, odd.minSeconds());
        assertEquals(3, odd.maxSeconds());
        assertEquals(2.5, TimingStats.of(new double[]{4, 1, 3, 2}).medianSeconds());
        assertThrows(IllegalArgumentException.class, () -> TimingStats.of(new double[0]));
    }

    @Test
    void residentMemoryIsReadFromProc() {
        long rss = ProcessMemory.rssBytes();
        long peak = ProcessMemory.peakRssBytes();
        assertTrue(rss > 1 << 20, "a JVM holds more than 1 MiB: " + rss);
        assertTrue(peak >= rss, "peak " + peak + " < current " + rss);
    }
}
