package org.unidefense.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ResolvedConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;

/** {@code unidefense config}: inspect configuration files. */
@Command(name = "config",
        description = "Inspect configuration files.",
        mixinStandardHelpOptions = true,
        subcommands = {ConfigCommand.Show.class})
public final class ConfigCommand extends CommandGroup {
    /**
     * {@code unidefense config show}: loads a model file as a run would (dataset file merged in,
     * overrides applied, defaults filled) and prints it as YAML; warnings go to stderr.
     */
    @Command(name = "show",
            description = "Print the resolved configuration as YAML: the model file with every default filled in, "
                    + "command-line overrides applied and the dataset file merged in as 'dataset'. "
                    + "Warnings (unknown keys) go to the error stream.",
            mixinStandardHelpOptions = true)
    static final class Show implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        RunOptions run;

        @Mixin
        StageFlags stage;

        @Override
        public void run() {
            ResolvedConfig resolved = ConfigLoader.load(run.configFile(), run.overrides(stage.test()));
            PrintWriter out = spec.commandLine().getOut();
            out.print(toYaml(resolved));
            out.flush();
            printWarnings(resolved, spec.commandLine().getErr());
        }
    }

    /** The config's non-fatal findings as {@code warning: ...} lines, once each (the loader only logs them at debug level). */
    static void printWarnings(ResolvedConfig resolved, PrintWriter err) {
        for (String w : resolved.warnings()) {
            err.println("warning: " + w);
        }
        err.flush();
    }

    static String toYaml(ResolvedConfig resolved) {
        YAMLFactory yaml = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        try {
            return new ObjectMapper(yaml).writeValueAsString(resolved.toPlain());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print the configuration", e);
        }
    }
}
