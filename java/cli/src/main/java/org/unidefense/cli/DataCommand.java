package org.unidefense.cli;

import org.unidefense.UserInputException;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.data.dataset.DataFiles;
import org.unidefense.data.dataset.DataStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code unidefense data}: inspect datasets. Add further subcommands to the list below. */
@Command(name = "data",
        description = "Inspect datasets.",
        mixinStandardHelpOptions = true,
        subcommands = {
            DataCommand.Stats.class,
            DataShowCommand.class,
        })
public final class DataCommand extends CommandGroup {
    /** {@code unidefense data stats}: videos and frames per split part and method. */
    @Command(name = "stats",
            description = "Count the videos and frames each split part and method of a dataset holds, as the "
                    + "engine would read them (after frames-per-video resampling), and show which UniAttack "
                    + "roots are null or missing. No image is read.",
            mixinStandardHelpOptions = true)
    static final class Stats implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--config", required = true, paramLabel = "FILE",
                description = "A model file (its data.file is followed) or a dataset file.")
        Path config;

        @Override
        public void run() {
            ResolvedConfig resolved = DataFiles.load(config);
            ConfigCommand.printWarnings(resolved, spec.commandLine().getErr());
            PrintWriter out = spec.commandLine().getOut();
            out.println("dataset file " + resolved.datasetFile());
            int failures = DataStats.print(resolved.dataset(), out);
            out.flush();
            if (failures > 0) {
                throw new UserInputException(failures + " method(s) could not be read; see the 'missing:' lines");
            }
        }
    }
}
