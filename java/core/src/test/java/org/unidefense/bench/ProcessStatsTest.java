package org.unidefense.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessStatsTest {
    @Test
    void statFieldsAreCountedFromTheEndOfTheCommandName() {
        // fields 10 minflt=1500, 12 majflt=7, 14 utime=250 ticks, 15 stime=30 ticks; the name holds ") " itself
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1500 11 7 3 250 30 5 6 20 0 40 0 123 456 789";
        ProcessStats s = ProcessStats.parse(stat);
        assertEquals(1500, s.minorFaults());
        assertEquals(7, s.majorFaults());
        assertEquals(2.5, s.userSeconds(), 1e-12);
        assertEquals(0.3, s.systemSeconds(), 1e-12);
        assertEquals(0.3 / 2.8, s.systemShare(), 1e-12);
    }

    @Test
    void readsThisProcess() {
        ProcessStats s = ProcessStats.now();
        assertTrue(s.userSeconds() > 0, "a running JVM has used CPU time: " + s);
        assertTrue(s.minorFaults() > 1000, "a running JVM has touched thousands of pages: " + s);
    }

    @Test
    void intervalsSubtractAndDivide() {
        ProcessStats a = new ProcessStats(100, 1, 1.0, 0.5);
        ProcessStats b = new ProcessStats(700, 3, 3.0, 0.9);
        ProcessStats perRun = b.minus(a).per(2);
        assertEquals(300, perRun.minorFaults());
        assertEquals(1, perRun.majorFaults());
        assertEquals(1.0, perRun.userSeconds(), 1e-12);
        assertEquals(0.2, perRun.systemSeconds(), 1e-12);
    }

    @Test
    void onlyACachingMallocOrASingleGlibcArenaCountsAsTuned() {
        assertTrue(new AllocatorInfo("tcmalloc", java.util.Map.of()).tuned());
        assertTrue(new AllocatorInfo("glibc", java.util.Map.of("MALLOC_ARENA_MAX", "1",
                "MALLOC_MMAP_THRESHOLD_", "17179869184")).tuned());
        // one arena without the mmap threshold: glibc maps every buffer above 128 KiB on each use
        assertFalse(new AllocatorInfo("glibc", java.util.Map.of("MALLOC_ARENA_MAX", "1",
                "MALLOC_TRIM_THRESHOLD_", "17179869184")).tuned());
        assertFalse(new AllocatorInfo("glibc", java.util.Map.of("MALLOC_TRIM_THRESHOLD_", "1")).tuned());
        assertTrue(new AllocatorInfo("glibc", java.util.Map.of()).advice().contains("MALLOC_ARENA_MAX=1"));
        assertTrue(new AllocatorInfo("glibc", java.util.Map.of()).advice().contains("MALLOC_MMAP_THRESHOLD_="));
    }

    @Test
    void allocatorIsFoundInTheMemoryMaps() {
        String maps = "7f00-7f10 r-xp 00000000 08:01 123 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n"
                + "7f20-7f30 r-xp 00000000 08:01 124 /usr/lib/x86_64-linux-gnu/libc.so.6\n";
        assertEquals("jemalloc", AllocatorInfo.fromMaps(maps));
        assertEquals("tcmalloc", AllocatorInfo.fromMaps("7f00-7f10 r-xp 0 0 0 /usr/lib/libtcmalloc_minimal.so.4\n"));
        assertEquals("glibc", AllocatorInfo.fromMaps("7f20-7f30 r-xp 00000000 08:01 124 /usr/lib/x86_64-linux-gnu/libc.so.6\n"));
    }
}
