package org.unidefense.cli;

import org.junit.jupiter.api.Test;
import org.unidefense.report.ProgressDisplay;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command's help renders and says what each of its options is; the global options work. */
class HelpTextTest {
    private static void collect(CommandLine cl, List<CommandLine> into) {
        into.add(cl);
        cl.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    private static List<CommandLine> allCommands() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(), all);
        return all;
    }

    private static String name(CommandSpec spec) {
        return spec.qualifiedName(" ");
    }

    private static String text(String[] lines) {
        return String.join(" ", lines).trim();
    }

    @Test
    void everyCommandsHelpRendersWithItsDescriptionAndUsage() {
        List<CommandLine> all = allCommands();
        assertTrue(all.size() >= 20, "the tree: " + all.size() + " commands");
        List<String> unfinished = new ArrayList<>();
        for (CommandLine cl : all) {
            CommandSpec spec = cl.getCommandSpec();
            String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertTrue(help.contains("Usage: " + name(spec)), help);
            String description = text(spec.usageMessage().description());
            assertFalse(description.isEmpty(), name(spec) + " has no description");
            // a description split over array elements shows only its first one in the command list
            // (picocli's own help command lays out its two lines on purpose)
            if (spec.userObject() instanceof CommandLine.HelpCommand) {
                continue;
            }
            assertEquals(1, spec.usageMessage().description().length,
                    name(spec) + ": description in one string, not " + spec.usageMessage().description().length);
            char last = description.charAt(description.length() - 1);
            if (last != '.' && last != ')') {
                unfinished.add(name(spec) + ": " + description);
            }
        }
        assertEquals(List.of(), unfinished, "descriptions that end mid-sentence");
    }

    @Test
    void everyOptionAndParameterHasADescription() {
        List<String> missing = new ArrayList<>();
        for (CommandLine cl : allCommands()) {
            CommandSpec spec = cl.getCommandSpec();
            List<ArgSpec> args = new ArrayList<>(spec.options());
            args.addAll(spec.positionalParameters());
            for (ArgSpec a : args) {
                if (a.hidden()) {
                    continue; // internal (e.g. profile's child-process flag): not in the help at all
                }
                String d = text(a.description());
                if (d.isEmpty()) {
                    missing.add(name(spec) + " " + (a.isOption() ? ((CommandLine.Model.OptionSpec) a).longestName()
                            : a.paramLabel()));
                }
            }
        }
        assertEquals(List.of(), missing, "options without a description");
    }

    @Test
    void testOffersNoStageFlagsWhileTrainAndConfigShowKeepTheReferences() {
        CommandLine root = Main.commandLine();
        CommandSpec test = root.getSubcommands().get("test").getCommandSpec();
        assertEquals(null, test.findOption("--test"));
        assertEquals(null, test.findOption("--offline"));
        CommandSpec train = root.getSubcommands().get("train").getCommandSpec();
        assertTrue(train.findOption("--test") != null && train.findOption("--offline") != null);
        MainTest.Run r = new MainTest.Run("test", "--config", "x.yml", "--test");
        assertEquals(ExitCodes.USAGE, r.code, r.err);
        assertTrue(r.err.contains("Unknown option: '--test'"), r.err);
    }

    @Test
    void quietIsAcceptedBeforeOrAfterTheCommandAndOnlySilencesProgress() {
        try {
            assertEquals(0, Main.execute("--quiet", "weights", "--help"));
            assertTrue(ProgressDisplay.isQuiet());
            assertEquals(0, Main.execute("weights", "inspect", "-q", "--help"));
            assertTrue(ProgressDisplay.isQuiet());
            assertEquals(0, Main.execute("weights", "--help"));
            assertFalse(ProgressDisplay.isQuiet(), "each command line starts loud");
        } finally {
            ProgressDisplay.setQuiet(false);
        }
    }

    @Test
    void completionScriptCoversTheCommandsAndTheirOptions() {
        MainTest.Run r = new MainTest.Run("completion");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("#!/usr/bin/env bash"), r.out.substring(0, Math.min(200, r.out.length())));
        assertTrue(r.out.contains("complete -F"), "registers a bash completion function");
        for (String word : List.of("predict", "train", "launch", "--select", "--quiet", "--workload")) {
            assertTrue(r.out.contains(word), "completion script lacks " + word);
        }
        assertTrue(Main.commandLine().getUsageMessage().contains("completion"), "listed in the help");
    }
}
