package org.unidefense.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and page faults of this process so far, from {@code /proc/self/stat} (Linux). A
 * benchmark takes one sample before and one after its timed runs: system time and minor faults
 * per step show whether the allocator hands large buffers back to the kernel between uses (each
 * re-use then faults every page in again), which wall-clock time alone does not tell.
 */
public record ProcessTimes(double userSeconds, double systemSeconds, long minorFaults, long majorFaults) {
    /** Linux's USER_HZ: /proc reports CPU times in these ticks (100 on every mainstream build). */
    private static final double TICKS_PER_SECOND = 100.0;

    /** The current sample, or all zeros where /proc is not available. */
    public static ProcessTimes now() {
        try {
            return parse(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException | RuntimeException e) {
            return new ProcessTimes(0, 0, 0, 0);
        }
    }

    /**
     * Parses one {@code /proc/<pid>/stat} line. The command name (field 2) may hold spaces and
     * parentheses, so fields are counted from the last ')'.
     */
    static ProcessTimes parse(String statLine) {
        String[] f = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split("\\s+");
        // after ')': state(3) ppid pgrp session tty tpgid flags minflt(10) cminflt majflt(12) cmajflt utime(14) stime(15)
        long minflt = Long.parseLong(f[10 - 3]);
        long majflt = Long.parseLong(f[12 - 3]);
        long utime = Long.parseLong(f[14 - 3]);
        long stime = Long.parseLong(f[15 - 3]);
        return new ProcessTimes(utime / TICKS_PER_SECOND, stime / TICKS_PER_SECOND, minflt, majflt);
    }

    /** What happened between {@code before} and this sample. */
    public ProcessTimes since(ProcessTimes before) {
        return new ProcessTimes(userSeconds - before.userSeconds, systemSeconds - before.systemSeconds,
                minorFaults - before.minorFaults, majorFaults - before.majorFaults);
    }

    /** This interval's figures divided by {@code n} runs. */
    public ProcessTimes per(int n) {
        return new ProcessTimes(userSeconds / n, systemSeconds / n, minorFaults / n, majorFaults / n);
    }
}
