package org.unidefense.report;

/**
 * Whether progress bars that write to their default place (standard error) are shown at all:
 * the CLI's global {@code --quiet} turns them off for the whole process. Bars given an explicit
 * writer (tests, a caller's own log) are not affected. Log lines and results are never hidden by it.
 */
public final class ProgressDisplay {
    private static volatile boolean quiet;

    private ProgressDisplay() {
    }

    public static void setQuiet(boolean value) {
        quiet = value;
    }

    public static boolean isQuiet() {
        return quiet;
    }
}
