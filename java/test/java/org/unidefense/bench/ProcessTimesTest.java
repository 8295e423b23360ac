package org.unidefense.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /proc/self/stat parsing against a hand-written line, and the interval arithmetic. */
class ProcessTimesTest {
    /** A command name with a space and parentheses, as the kernel writes it; minflt 5000, majflt 7, utime 250, stime 40. */
    private static final String LINE = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 5000 12 7 0 250 40 0 0 20 0 "
            + "31 0 1234 8000000 2000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

    @Test
    void parsesFieldsAfterTheLastParenthesis() {
        ProcessTimes t = ProcessTimes.parse(LINE);
        assertEquals(2.5, t.userSeconds(), 1e-12);
        assertEquals(0.4, t.systemSeconds(), 1e-12);
        assertEquals(5000, t.minorFaults());
        assertEquals(7, t.majorFaults());
    }

    @Test
    void intervalsSubtractAndDivide() {
        ProcessTimes a = new ProcessTimes(1.0, 0.5, 100, 1);
        ProcessTimes b = new ProcessTimes(3.0, 0.9, 700, 3);
        ProcessTimes perRun = b.since(a).per(2);
        assertEquals(1.0, perRun.userSeconds(), 1e-12);
        assertEquals(0.2, perRun.systemSeconds(), 1e-12);
        assertEquals(300, perRun.minorFaults());
        assertEquals(1, perRun.majorFaults());
    }

    @Test
    void theLiveSampleOfThisProcessMovesForward() {
        ProcessTimes before = ProcessTimes.now();
        double x = 0;
        for (int i = 0; i < 20_000_000; i++) {
            x += Math.sqrt(i);
        }
        ProcessTimes after = ProcessTimes.now();
        assertTrue(x > 0);
        assertTrue(after.userSeconds() + after.systemSeconds() >= before.userSeconds() + before.systemSeconds());
        assertTrue(after.minorFaults() >= before.minorFaults());
    }
}
