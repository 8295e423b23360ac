package org.unidefense.data.dataset;

import org.unidefense.UserInputException;
import org.unidefense.config.DatasetConfig;
import org.unidefense.config.UniAttackDatasetConfig;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.NumpyRandom;
import org.unidefense.data.Sample;
import org.unidefense.data.SplitIndex;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts videos and frames per part and method of a dataset file, without reading any image.
 * For UniAttack each method is read on its own, so a missing index file is reported for that
 * method and the others are still counted.
 */
public final class DataStats {
    private DataStats() {
    }

    /** Prints the counts; returns the number of methods that could not be read. */
    public static int print(DatasetConfig config, PrintWriter out) {
        SplitIndexBuilder builder = new SplitIndexBuilder(org.unidefense.config.CropMode.NOCROP, StoreOpener.LAZY,
                false, Path.of(""));
        if (config instanceof UniAttackDatasetConfig u) {
            return printUniAttack(builder, u, out);
        }
        SplitIndex index = builder.build(config, Stage.ALL);
        out.println("dataset " + index.dataset());
        for (DatasetSplit part : index.all()) {
            printPart(part.name(), part.split(), part.samples(), out);
        }
        return 0;
    }

    private static void printPart(String name, String split, List<Sample> samples, PrintWriter out) {
        Map<String, List<Sample>> byMethod = new LinkedHashMap<>();
        samples.forEach(s -> byMethod.computeIfAbsent(s.method(), k -> new ArrayList<>()).add(s));
        out.printf("%-16s (split %s): %d videos, %d frames%n", name, split, videos(samples), samples.size());
        byMethod.forEach((m, list) -> out.printf("  %-20s %6d videos %8d frames%n", m, videos(list), list.size()));
    }

    private static long videos(List<Sample> samples) {
        return samples.stream().map(Sample::videoId).distinct().count();
    }

    private static int printUniAttack(SplitIndexBuilder builder, UniAttackDatasetConfig c, PrintWriter out) {
        out.println("dataset UniAttack");
        builder.uniAttackRootStatus(c).forEach((k, v) -> out.printf("  %-12s %s%n", k, v));
        UniAttackReader reader = builder.uniAttackReader(c);
        record Part(String name, String split, List<String> methods, Integer realFpv, Integer fakeFpv) {
        }
        List<Part> parts = List.of(
                new Part("train/real", "train", c.trainRealMethods(), c.trainRealFpv(), c.trainFakeFpv()),
                new Part("train/fake", "train", c.trainFakeMethods(), c.trainRealFpv(), c.trainFakeFpv()),
                new Part("val/real", "val", c.valRealMethods(), c.valRealFpv(), c.valFakeFpv()),
                new Part("val/fake", "val", c.valFakeMethods(), c.valRealFpv(), c.valFakeFpv()),
                new Part("test", "test", c.testMethods(), c.testRealFpv(), c.testFakeFpv()));
        int failures = 0;
        for (Part p : parts) {
            NumpyRandom random = new NumpyRandom(SplitIndexBuilder.REFERENCE_SEED);
            List<Sample> all = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (String m : p.methods()) {
                try {
                    all.addAll(reader.readMethod(p.split(), m, p.realFpv(), p.fakeFpv(), random));
                } catch (UserInputException e) {
                    errors.add("  " + m + ": missing: " + e.getMessage());
                    failures++;
                }
            }
            printPart(p.name(), p.split(), all, out);
            errors.forEach(out::println);
        }
        return failures;
    }
}
