package org.unidefense.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code unidefense test}: the same as {@code unidefense train --test}. */
@Command(name = "test",
        description = "Evaluate a trained run's selected models: best, and best_val where the run keeps one (the same as 'train --test').",
        mixinStandardHelpOptions = true)
public final class TestCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    DeviceOption device = new DeviceOption();

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "Directory holding the runs (default: ${DEFAULT-VALUE}).")
    Path runs;

    @Override
    public void run() {
        TrainCommand train = new TrainCommand();
        train.spec = spec;
        train.run = run;
        train.runs = runs;
        train.device = device;
        train.execute(run.overrides(true), true);
    }
}
