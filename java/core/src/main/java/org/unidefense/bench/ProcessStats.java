package org.unidefense.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Page faults and CPU time of this process from {@code /proc/self/stat} (Linux): what tells a
 * step that computes from one that waits on the kernel (page-faulting freshly mapped buffers
 * shows as system time and minor faults).
 *
 * @param minorFaults faults served without I/O (first touch of a mapped page)
 * @param majorFaults faults that needed I/O
 * @param userSeconds CPU time in user mode, all threads
 * @param systemSeconds CPU time in the kernel, all threads
 */
public record ProcessStats(long minorFaults, long majorFaults, double userSeconds, double systemSeconds) {
    /** USER_HZ: the kernel reports times in 1/100 s on every Linux architecture Java runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    /** Now, or all zeros where /proc is not there (then every delta is 0 and the report says so). */
    public static ProcessStats now() {
        try {
            return parse(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException | RuntimeException e) {
            return new ProcessStats(0, 0, 0, 0);
        }
    }

    /**
     * Parses one {@code /proc/PID/stat} line. The command name (field 2) is in parentheses and may
     * hold spaces, so fields are counted from the last ')'; after it come state (3), ...,
     * minflt (10), cminflt, majflt (12), cmajflt, utime (14), stime (15).
     */
    static ProcessStats parse(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state), so field k is f[k - 3]
        return new ProcessStats(Long.parseLong(f[7]), Long.parseLong(f[9]),
                Long.parseLong(f[11]) / TICKS_PER_SECOND, Long.parseLong(f[12]) / TICKS_PER_SECOND);
    }

    public ProcessStats minus(ProcessStats earlier) {
        return new ProcessStats(minorFaults - earlier.minorFaults, majorFaults - earlier.majorFaults,
                userSeconds - earlier.userSeconds, systemSeconds - earlier.systemSeconds);
    }

    /** This interval's figures divided by {@code n} runs (for per-step figures in a benchmark). */
    public ProcessStats per(int n) {
        return new ProcessStats(minorFaults / n, majorFaults / n, userSeconds / n, systemSeconds / n);
    }

    /** Share of the CPU time spent in the kernel. */
    public double systemShare() {
        double total = userSeconds + systemSeconds;
        return total == 0 ? 0 : systemSeconds / total;
    }
}
