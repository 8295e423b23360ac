package org.unidefense.prepare;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.unidefense.UserInputException;

/**
 * Frames per second of {@code prepare ffpp} (decode, detect, crop, encode, write) for several
 * worker counts, measured in one process on the same input so that the figures compare as ratios:
 * one warm-up run, then the worker counts in turn, {@code repeats} times, keeping each count's best.
 */
public final class PrepareThroughput {
    /** Best frames per second by worker count, and the frames each run read. */
    public record Result(Map<Integer, Double> framesPerSecond, long framesPerRun) {
    }

    private PrepareThroughput() {
    }

    /** The synthetic tree the benchmark uses when no download is given: 40 videos of 24 frames, 320×240. */
    public static SyntheticDownloads.Options benchmarkTree() {
        return new SyntheticDownloads.Options(0, "c23", new int[] {2, 1, 1}, 24, 320, 240, 160);
    }

    public static Result measure(Path src, Path scratch, List<Integer> workers, int repeats, CropSettings settings) {
        Map<Integer, Double> best = new LinkedHashMap<>();
        long frames = 0;
        List<Integer> order = new ArrayList<>();
        order.add(workers.get(0)); // warm-up: class loading, JIT, native libraries
        for (int r = 0; r < repeats; r++) {
            order.addAll(workers);
        }
        for (int i = 0; i < order.size(); i++) {
            int w = order.get(i);
            Path out = scratch.resolve("run-" + i);
            FfppPreparer.Summary s = FfppPreparer.prepare(new FfppPreparer.Request(src, out, "c23", null,
                    FfppLayout.METHODS, settings, w, new ReadyConfigs.Schedule(64, 1, 1, "bench")),
                    FaceDetectors.named(settings.detector()), new StringWriter());
            frames = s.outcome().framesRead();
            if (i > 0) {
                best.merge(w, s.outcome().framesPerSecond(), Math::max);
            }
            try {
                PrepareRun.deleteTree(out);
            } catch (IOException e) {
                throw new UserInputException(out + ": cannot delete: " + e, e);
            }
        }
        return new Result(best, frames);
    }

    /** A fresh scratch folder under {@code parent}. */
    public static Path scratch(Path parent) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "prepare-bench");
        } catch (IOException e) {
            throw new UserInputException(parent + ": cannot create a scratch folder: " + e, e);
        }
    }
}
