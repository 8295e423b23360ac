package org.unidefense.cli;

/** Process exit codes, the same for every subcommand (listed in {@code --help}). */
public final class ExitCodes {
    public static final int OK = 0;
    /** Wrong flags or arguments (picocli's own usage errors). */
    public static final int USAGE = 2;
    /** Bad input data or configuration: a file that does not parse, a key with a wrong value. */
    public static final int BAD_INPUT = 3;
    /** Anything else that failed while running. */
    public static final int RUNTIME = 4;

    private ExitCodes() {
    }
}
