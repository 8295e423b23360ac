package org.unidefense.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.unidefense.UserInputException;
import org.unidefense.config.ConfigChoice;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.data.DataErrorPolicy;
import org.unidefense.data.DatasetSplit;
import org.unidefense.config.OnError;
import org.unidefense.data.SplitIndex;
import org.unidefense.data.dataset.DataFiles;
import org.unidefense.data.dataset.SplitIndexBuilder;
import org.unidefense.data.dataset.Stage;
import org.unidefense.data.loader.Batch;
import org.unidefense.data.loader.BatchLoader;
import org.unidefense.data.loader.DataShow;
import org.unidefense.data.loader.SplitLoaders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code unidefense data show}: writes a labelled grid of samples of one split after its
 * transforms (shown before Normalize), to check crops, augmentation and labels by eye.
 */
@Command(name = "show",
        description = "Write a PNG grid of samples of a split after its transforms (before Normalize), "
                + "each captioned with its label and method.",
        mixinStandardHelpOptions = true)
public final class DataShowCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "A model file (its data.file is followed; config.crop, margins and seed apply) "
                    + "or a dataset file (read with crop: nocrop).")
    Path config;

    @Option(names = "--split", required = true, paramLabel = "SPLIT",
            description = "Which parts to show: train, val or test.")
    String split;

    @Option(names = "--n", defaultValue = "16", paramLabel = "N", description = "Samples to show (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The PNG file to write.")
    Path out;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED",
            description = "Seed of the sample choice (default: ${DEFAULT-VALUE}); augmentation uses config.seed.")
    long seed;

    @Option(names = "--on_error", paramLabel = "POLICY",
            description = "fail or skip unreadable items (default: the config's data.on_error, itself fail by default).")
    String onError;

    @Override
    public void run() {
        SplitLoaders.Role role = role(split);
        if (count < 1) {
            throw new UserInputException("--n: expected 1 or more, found " + count);
        }
        ResolvedConfig cfg = DataFiles.load(config);
        ConfigCommand.printWarnings(cfg, spec.commandLine().getErr());
        Stage stage = role == SplitLoaders.Role.TEST ? Stage.TEST : Stage.TRAIN;
        SplitIndex index = SplitIndexBuilder.forRun(SplitLoaders.cropMode(cfg)).build(cfg.dataset(), stage);
        List<DatasetSplit> parts = switch (role) {
            case TRAIN -> index.train();
            case VAL -> index.val();
            case TEST -> index.test();
        };
        DataErrorPolicy errors = onError != null ? new DataErrorPolicy(ConfigChoice.parse(OnError.class, onError, "--on_error")) : DataErrorPolicy.of(cfg.data());
        List<BatchLoader> loaders = DataShow.displayLoaders(cfg, parts, role, errors);
        List<Batch> shown;
        try {
            shown = DataShow.write(loaders, count, seed, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            loaders.forEach(BatchLoader::close);
        }
        PrintWriter w = spec.commandLine().getOut();
        long fake = shown.stream().filter(b -> b.samples().get(0).isFake()).count();
        w.printf(Locale.ROOT, "wrote %s: %d samples of %s (%d real, %d fake), %dx%d each%s%n", out, shown.size(),
                split, shown.size() - fake, fake, shown.get(0).width(), shown.get(0).height(),
                errors.skipped() > 0 ? ", " + errors.skipped() + " bad items skipped" : "");
        w.flush();
    }

    private static SplitLoaders.Role role(String split) {
        return switch (split) {
            case "train" -> SplitLoaders.Role.TRAIN;
            case "val" -> SplitLoaders.Role.VAL;
            case "test" -> SplitLoaders.Role.TEST;
            default -> throw new UserInputException("--split: expected train, val or test, found '" + split + "'");
        };
    }
}
