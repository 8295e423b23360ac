package org.unidefense.cli;

import picocli.CommandLine.Option;

/**
 * The stage flags of the reference's main.py, for the commands that mirror it ({@code train},
 * {@code config show}, {@code model summary}): {@code --test} resolves and runs the test stage,
 * {@code --offline} is accepted so that the reference's command lines run unchanged.
 */
public final class StageFlags {
    @Option(names = "--test", description = "Test stage instead of training (as 'unidefense test').")
    boolean test;

    @Option(names = "--offline", description = "Accepted for compatibility (the reference's offline "
            + "experiment-tracking mode); this port logs locally and ignores it.")
    boolean offline;

    public boolean test() {
        return test;
    }
}
