package org.unidefense.cli;

import org.unidefense.UserInputException;
import org.unidefense.bench.AllocatorInfo;
import org.unidefense.report.ProgressDisplay;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code unidefense} command. Subcommands are listed here only once they work.
 * Errors reach the user as one clear message and an exit code, never as a stack trace
 * (set {@code UNIDEFENSE_DEBUG=1} to see the trace).
 */
@Command(name = "unidefense",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train, evaluate and deploy UniDefense detectors of face forgery and spoofing attacks.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ConfigCommand.class,
            ModelCommand.class,
            BenchCommand.class,
            ProfileCommand.class,
            WeightsCommand.class,
            SynthCommand.class,
            PrepareCommand.class,
            DemoCommand.class,
            DataCommand.class,
            TrainCommand.class,
            TestCommand.class,
            PredictCommand.class,
            LaunchCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "2:usage error (unknown flag, missing argument)",
            "3:bad input data or configuration",
            "4:runtime failure"
        })
public final class Main implements Runnable {
    /** Commands that run libtorch long enough for the allocator to matter. */
    private static final java.util.Set<String> HEAVY_COMMANDS =
            java.util.Set.of("train", "test", "bench", "predict", "demo", "launch");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Global (accepted before or after the subcommand's name): progress bars are off, lines stay. */
    @CommandLine.Option(names = {"-q", "--quiet"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Show no progress bars (they go to standard error); log lines and results are still printed.")
    void quiet(boolean quiet) {
        ProgressDisplay.setQuiet(quiet);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // the command is the first word that is not an option (-q/--quiet may come before it)
        String command = java.util.Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        String allocatorAdvice = HEAVY_COMMANDS.contains(command) ? AllocatorInfo.current().advice() : null;
        if (allocatorAdvice != null) {
            System.err.println(allocatorAdvice);
        }
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int execute(String... args) {
        ProgressDisplay.setQuiet(false); // the option sets it only when given
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // `source <(unidefense completion)` in bash or zsh: picocli's script, generated from this
        // very command tree, so it cannot go stale (picocli hides the command by default; we list it).
        cl.addSubcommand("completion", new AutoComplete.GenerateCompletion());
        cl.getSubcommands().get("completion").getCommandSpec().usageMessage().hidden(false)
                .description("Prints a bash/zsh completion script: source <(unidefense completion)");
        cl.setExitCodeExceptionMapper(Main::exitCodeOf);
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            String prefix = ex instanceof UserInputException ? "error: " : "failed: ";
            cmd.getErr().println(cmd.getColorScheme().errorText(prefix + describe(ex)));
            if (System.getenv("UNIDEFENSE_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
            }
            return exitCodeOf(ex);
        });
        return cl;
    }

    static int exitCodeOf(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof UserInputException) {
                return ExitCodes.BAD_INPUT;
            }
            if (t instanceof CommandLine.ParameterException) {
                return ExitCodes.USAGE;
            }
        }
        return ExitCodes.RUNTIME;
    }

    private static String describe(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }
}
