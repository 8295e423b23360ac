package org.unidefense.cli;

import org.bytedeco.javacpp.PointerScope;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.ModuleSummary;
import org.unidefense.model.ParameterCount;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.model.weights.CheckpointInfo;
import org.unidefense.model.weights.ModelCheckpoint;
import org.unidefense.model.weights.ReferenceCheckpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** {@code unidefense model}: inspect the networks a configuration builds. */
@Command(name = "model",
        description = "Inspect the network a configuration builds.",
        mixinStandardHelpOptions = true,
        subcommands = {ModelCommand.Summary.class})
public final class ModelCommand extends CommandGroup {
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

        @Mixin
        StageFlags stage;

        @Option(names = "--depth", defaultValue = "2", paramLabel = "N",
                description = "Levels of the module tree to print (default: ${DEFAULT-VALUE}).")
        int depth;

        @Option(names = "--weights", paramLabel = "FILE",
                description = "Also load this checkpoint into the model by exact key and report the result: "
                        + "a checkpoint of this program or of the reference's engines (best_model.bin), or a bare "
                        + "state dict; a 'module.' prefix is removed. Key problems are listed and exit with code 3.")
        Path weights;

        @Override
        public void run() {
            ResolvedConfig cfg = ConfigLoader.load(run.configFile(), run.overrides(stage.test()));
            ConfigCommand.printWarnings(cfg, spec.commandLine().getErr());
            PrintWriter out = spec.commandLine().getOut();
            try (PointerScope scope = new PointerScope()) {
                UniDefenseModel model = ModelRegistry.create(cfg.model());
                for (String line : ModuleSummary.lines(model, depth)) {
                    out.println(line);
                }
                ParameterCount c = model.parameterCount();
                out.printf(Locale.ROOT, "%s: %,d parameters (%,d trainable), %,d buffer elements, %,d in the state dict%n",
                        model.architecture(), c.parameters(), c.trainable(), c.buffers(), c.total());
                if (weights != null) {
                    out.println(describeLoad(ModelCheckpoint.load(weights, model)));
                }
            }
            out.flush();
        }

        private static String describeLoad(ModelCheckpoint loaded) {
            ReferenceCheckpoint c = loaded.contents();
            StringBuilder sb = new StringBuilder("weights: loaded all " + c.stateDict().size() + " tensors from "
                    + c.file());
            c.stateDictKey().ifPresent(k -> sb.append(" (state dict under '").append(k).append("')"));
            if (c.prefixRemoved()) {
                sb.append(", '").append(ReferenceCheckpoint.DDP_PREFIX).append("' prefix removed");
            }
            c.longEntry("best_step").ifPresent(s -> sb.append(", best_step ").append(s));
            c.longEntry("step").ifPresent(s -> sb.append(", step ").append(s));
            loaded.info().map(CheckpointInfo::threshold).ifPresent(t -> sb.append(", threshold ").append(t));
            return sb.toString();
        }
    }
}
