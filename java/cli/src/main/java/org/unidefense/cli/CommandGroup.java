package org.unidefense.cli;

import picocli.CommandLine;

/**
 * A command that only groups subcommands ({@code config}, {@code data}, {@code model},
 * {@code prepare}, {@code weights}): run without one, it prints its usage, which lists them.
 */
abstract class CommandGroup implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
