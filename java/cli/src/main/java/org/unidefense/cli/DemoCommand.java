package org.unidefense.cli;

import org.unidefense.demo.DemoOptions;
import org.unidefense.demo.DemoRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code unidefense demo}: the README's first command. */
@Command(name = "demo",
        description = "Generate the synthetic benchmark, train UDR18 (or --model Recce) on its Protocol III split (replay attacks "
                + "held out), test it on the held-out attack and on Protocol I (FF++), and print the metrics and "
                + "where the reports are. Needs no download.",
        mixinStandardHelpOptions = true)
public final class DemoCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", defaultValue = "demo", paramLabel = "DIR",
            description = "Folder for the benchmark, the configuration and the runs (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--steps", defaultValue = "200", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "8", description = "Real and fake images per step, each (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--size", defaultValue = "64", description = "Image side in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--lr", defaultValue = "0.001", description = "Learning rate of AdamW (UDR18) or Adam (Recce) "
            + "(default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--videos-per-method", defaultValue = "12", paramLabel = "K",
            description = "Synthetic videos per method and split (default: ${DEFAULT-VALUE}).")
    int videosPerMethod;

    @Option(names = "--frames", defaultValue = "8", description = "Frames per video (default: ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--model", defaultValue = "UDR18", paramLabel = "NAME",
            description = "The detector to train: UDR18 or Recce (RECCE, CVPR 2022), the same data, steps and size "
                    + "(default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the benchmark and the run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public void run() {
        DemoOptions options;
        try {
            options = new DemoOptions(seed, size, videosPerMethod, frames, steps, batch, lr, model);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        new DemoRun(dir, options, spec.commandLine().getOut()).run();
    }
}
