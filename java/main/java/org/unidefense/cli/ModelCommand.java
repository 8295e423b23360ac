package org.unidefense.cli;

import org.bytedeco.javacpp.PointerScope;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.model.ModelConfigs;
import org.unidefense.model.ModuleSummary;
import org.unidefense.model.ParameterCount;
import org.unidefense.model.UniDefenseModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;

/** {@code unidefense model}: inspect the networks a configuration builds. */
@Command(name = "model",
        description = "Inspect the network a configuration builds.",
        mixinStandardHelpOptions = true,
        subcommands = {ModelCommand.Summary.class})
public final class ModelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code unidefense model summary --config X}: the module tree with parameter counts. */
    @Command(name = "summary",
            description = "Print the module tree of the configured model with parameter counts per subtree "
                    + "and the totals (equal to the reference's for the same model).",
            mixinStandardHelpOptions = true)
    static final class Summary implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        RunOptions run;

        @Option(names = "--depth", defaultValue = "2", paramLabel = "N",
                description = "Levels of the module tree to print (default: ${DEFAULT-VALUE}).")
        int depth;

        @Override
        public void run() {
            ResolvedConfig cfg = ConfigLoader.load(run.configFile(), run.overrides());
            PrintWriter out = spec.commandLine().getOut();
            try (PointerScope scope = new PointerScope()) {
                UniDefenseModel model = ModelConfigs.create(cfg.model());
                for (String line : ModuleSummary.lines(model, depth)) {
                    out.println(line);
                }
                ParameterCount c = model.parameterCount();
                out.printf(Locale.ROOT, "%s: %,d parameters (%,d trainable), %,d buffer elements, %,d in the state dict%n",
                        model.architecture(), c.parameters(), c.trainable(), c.buffers(), c.total());
            }
            out.flush();
        }
    }
}
