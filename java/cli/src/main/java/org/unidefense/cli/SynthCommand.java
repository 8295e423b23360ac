package org.unidefense.cli;

import org.unidefense.data.syntheticset.SyntheticDatasetWriter;
import org.unidefense.prepare.SyntheticDownloads;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code unidefense synth}: write the synthetic UniAttack-like benchmark. */
@Command(name = "synth",
        description = "Write a small synthetic benchmark in the UniAttack on-disk layout (six datasets, each with "
                + "its LMDB store and index files), readable with the dataset files in config_template/synthetic. "
                + "The same options give byte-identical files.",
        mixinStandardHelpOptions = true)
public final class SynthCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (the UniAttack root).")
    Path out;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", defaultValue = "64", paramLabel = "N", description = "Image side in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--videos-per-method", defaultValue = "2", paramLabel = "K",
            description = "Videos per method and split (default ${DEFAULT-VALUE}).")
    int videosPerMethod;

    @Option(names = "--frames", defaultValue = "4", paramLabel = "F", description = "Frames per video (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--ffpp-videos",
            description = "Instead of the benchmark, write a small FaceForensics++ download tree of mp4 videos "
                    + "(original_sequences, manipulated_sequences, splits/*.json) to try 'prepare ffpp' on.")
    boolean ffppVideos;

    @Option(names = "--celebdf-videos",
            description = "Instead of the benchmark, write a small Celeb-DF v2 download tree of mp4 videos "
                    + "(Celeb-real, Celeb-synthesis, YouTube-real, List_of_testing_videos.txt) to try 'prepare celebdf' on.")
    boolean celebDfVideos;

    @Override
    public void run() {
        long start = System.nanoTime();
        if (ffppVideos || celebDfVideos) {
            SyntheticDownloads.Options o = SyntheticDownloads.Options.small(seed);
            SyntheticDownloads.Summary d = ffppVideos ? SyntheticDownloads.ffpp(out, o) : SyntheticDownloads.celebDf(out, o);
            PrintWriter w = spec.commandLine().getOut();
            w.printf("wrote %d %s videos to %s in %.1f s%n", d.drawnFaces().size(),
                    ffppVideos ? "FF++-style (and splits/*.json)" : "Celeb-DF-style (and List_of_testing_videos.txt)", out,
                    (System.nanoTime() - start) / 1e9);
            w.flush();
            return;
        }
        SyntheticDatasetWriter.Summary s = SyntheticDatasetWriter.write(out,
                new SyntheticDatasetWriter.Options(seed, size, videosPerMethod, frames));
        PrintWriter w = spec.commandLine().getOut();
        new java.util.TreeMap<>(s.framesByDataset()).forEach((d, n) ->
                w.printf("  %-16s %6d frames%n", d, n));
        w.printf("wrote %d images to %s in %.1f s%n", s.images(), out, (System.nanoTime() - start) / 1e9);
        w.flush();
    }
}
