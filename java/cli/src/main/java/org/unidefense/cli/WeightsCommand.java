package org.unidefense.cli;

import org.unidefense.checkpoint.PythonValues;
import org.unidefense.checkpoint.StateDict;
import org.unidefense.checkpoint.StoredTensor;
import org.unidefense.checkpoint.TorchSaveFile;
import org.unidefense.engine.TrainerStateFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** {@code unidefense weights ...}: look into weight files written by PyTorch. */
@Command(name = "weights",
        mixinStandardHelpOptions = true,
        description = "Inspect weight files written by Python's torch.save (.pth, .pt or .bin files).",
        subcommands = {WeightsCommand.Inspect.class})
public final class WeightsCommand extends CommandGroup {
    @Command(name = "inspect",
            mixinStandardHelpOptions = true,
            // one string: picocli's command list shows only a description's first element
            description = "Lists a torch.save file's format, top-level content, and its state dict's keys with "
                    + "dtypes and shapes, plus the number of parameters. Reads both the zip and the legacy "
                    + "format safely: no Python code in the file is ever run.")
    static final class Inspect implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The file to inspect.")
        Path file;

        @Override
        public void run() {
            if (file.getFileName().toString().endsWith(".state")) {
                // a run's trainer state: libtorch's own archive, checked whole in Java before libtorch reads its step
                PrintWriter out = spec.commandLine().getOut();
                out.println("file:    " + file);
                out.println("format:  libtorch archive: a trainer state (optimizer and random generator) of a run");
                out.println("step:    " + TrainerStateFile.step(file));
                out.println("check:   whole (every record matches its checksum)");
                out.flush();
                return;
            }
            TorchSaveFile f = TorchSaveFile.read(file);
            PrintWriter out = spec.commandLine().getOut();
            out.println("file:    " + file);
            out.println("format:  " + f.format());
            Object root = f.root();
            Optional<String> key = f.stateDictKey();
            if (root instanceof Map<?, ?> m && key.isPresent()) {
                out.println("top level: " + PythonValues.typeName(root) + " with " + m.size() + " keys");
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.println("  " + e.getKey() + ": " + PythonValues.brief(e.getValue()));
                }
                out.println("state dict: under key '" + key.get() + "'");
                printStateDict(out, f.stateDict(key.get()));
            } else if (StateDict.isStateDict(root)) {
                out.println("state dict: the file itself (" + PythonValues.typeName(root) + ")");
                printStateDict(out, f.stateDict());
            } else {
                out.println("top level: " + PythonValues.brief(root));
                if (root instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        out.println("  " + e.getKey() + ": " + PythonValues.brief(e.getValue()));
                    }
                }
                out.println("state dict: none");
            }
            out.flush();
        }

        private static void printStateDict(PrintWriter out, StateDict sd) {
            long floatTensors = sd.tensors().values().stream().filter(t -> t.dtype().isFloating()).count();
            out.println("tensors: " + sd.size() + " (" + floatTensors + " floating, "
                    + (sd.size() - floatTensors) + " integer/bool) in " + sd.distinctStorages() + " storages");
            out.println("parameters: " + String.format("%,d", sd.floatingElements())
                    + " floating elements; integer/bool elements: " + String.format("%,d", sd.integerElements()));
            out.println("_metadata: " + (sd.metadata().isPresent() ? "present" : "absent"));
            int width = sd.keys().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, StoredTensor> e : sd.tensors().entrySet()) {
                StoredTensor t = e.getValue();
                out.printf("  %-" + width + "s  %-8s  %s%n", e.getKey(), t.dtype(), Arrays.toString(t.shape()));
            }
        }
    }
}
