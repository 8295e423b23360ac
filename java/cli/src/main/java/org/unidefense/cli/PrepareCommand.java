package org.unidefense.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.unidefense.UserInputException;
import org.unidefense.face.FaceDetector;
import org.unidefense.face.YuNetModel;
import org.unidefense.prepare.CelebDfPreparer;
import org.unidefense.prepare.CropSettings;
import org.unidefense.prepare.FaceDetectors;
import org.unidefense.prepare.FfppLayout;
import org.unidefense.prepare.FfppPreparer;
import org.unidefense.prepare.FolderPreparer;
import org.unidefense.prepare.FolderSplit;
import org.unidefense.prepare.OcimPreparer;
import org.unidefense.prepare.PrepareManifest;
import org.unidefense.prepare.PrepareRun;
import org.unidefense.prepare.ReadyConfigs;
import org.unidefense.prepare.PrepareThroughput;
import org.unidefense.prepare.SyntheticDownloads;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code unidefense prepare}: turn downloaded datasets into the layouts the readers take. */
@Command(name = "prepare",
        description = "Turn raw videos into face crops and index files in the official dataset layouts (resumable: "
                + "run it again to finish an interrupted run). See docs/datasets.md.",
        mixinStandardHelpOptions = true,
        subcommands = {
            PrepareCommand.Ffpp.class,
            PrepareCommand.Folder.class,
            PrepareCommand.CelebDf.class,
            PrepareCommand.Ocim.class,
            PrepareCommand.Bench.class,
        })
public final class PrepareCommand extends CommandGroup {
    /** The face options every dataset shares. */
    static final class FaceOptions {
        @Option(names = "--frames", defaultValue = "32", paramLabel = "N|all",
                description = "Evenly spaced frames per video, or 'all' (default ${DEFAULT-VALUE}).")
        String frames;

        @Option(names = "--margin", paramLabel = "M",
                description = "Face margin as the reference applies it: the box grows by int(w*M/2) on each side "
                        + "(default 0.3, a crop 1.3 times the face box; 1.0 for ocim, whose loader crops again).")
        Double margin;

        @Option(names = "--all-faces", description = "Keep every face of a frame, not only the largest.")
        boolean allFaces;

        @Option(names = "--detector", defaultValue = FaceDetectors.HAAR, paramLabel = "NAME",
                description = "Face detector: haar (default, OpenCV's Haar cascade) or yunet (OpenCV's FaceDetectorYN "
                        + "with the YuNet model you put in ckpt/, see ckpt/README.md).")
        String detector;

        @Option(names = "--detector-model", paramLabel = "FILE",
                description = "The YuNet model file (default: ckpt/" + YuNetModel.FILE + ").")
        Path detectorModel;

        @Option(names = "--workers", defaultValue = "2", paramLabel = "T",
                description = "Worker threads decoding and cropping (default ${DEFAULT-VALUE}).")
        int workers;

        CropSettings settings() {
            return settings(0.3);
        }

        CropSettings settings(double defaultMargin) {
            int n;
            if (frames.toLowerCase(Locale.ROOT).equals("all")) {
                n = 0;
            } else {
                try {
                    n = Integer.parseInt(frames);
                } catch (NumberFormatException e) {
                    throw new UserInputException("--frames: '" + frames + "' is neither a count nor 'all'");
                }
                if (n < 1) {
                    throw new UserInputException("--frames must be at least 1 (or 'all'), got " + n);
                }
            }
            return new CropSettings(n, margin == null ? defaultMargin : margin, allFaces, detector);
        }
    }

    /** The options of the data/model file pair written next to the data. */
    static final class ConfigOptions {
        @Option(names = "--size", defaultValue = "256", paramLabel = "S",
                description = "Input side in the written data file's transforms (default ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--steps", defaultValue = "1000", paramLabel = "N",
                description = "Training steps in the written data file (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--batch", defaultValue = "8", paramLabel = "B",
                description = "Training batch size in the written model file (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--id", paramLabel = "ID", description = "Run id in the written model file (default: the dataset).")
        String id;

        ReadyConfigs.Schedule schedule(String defaultId) {
            return new ReadyConfigs.Schedule(size, steps, batch, id == null ? defaultId : id);
        }
    }

    static void report(PrintWriter w, Path out, PrepareRun.Outcome o) {
        w.printf("%d videos prepared (%d from an earlier run), %d frames read in %.1f s (%.1f frames/s)%n",
                o.records().size(), o.resumed(), o.framesRead(), o.seconds(), o.framesPerSecond());
        if (!o.failures().isEmpty()) {
            w.printf("%d videos could not be read (error records in %s):%n", o.failures().size(),
                    out.resolve(PrepareManifest.FILE));
            o.failures().stream().limit(10).forEach(f -> w.println("  " + f.name() + ": " + f.error()));
        }
        w.println("manifest: " + out.resolve(PrepareManifest.FILE));
    }

    /**
     * What every dataset's subcommand shares: the face options, the detector they name, and the
     * closing lines (counts of the run, the manifest, how to train on the result).
     */
    abstract static class DatasetCommand implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        FaceOptions face = new FaceOptions();

        Supplier<? extends FaceDetector> detector(CropSettings settings) {
            return FaceDetectors.named(settings.detector(), face.detectorModel);
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** {@link #report}, then (when {@code model} is not null) the command that trains on it. */
        void finish(PrintWriter w, Path root, PrepareRun.Outcome outcome, String engine, Path model) {
            report(w, root, outcome);
            if (model != null) {
                w.println("train with: unidefense train --engine " + engine + " --config " + model);
            }
            w.flush();
        }
    }

    /** {@code unidefense prepare ffpp}. */
    @Command(name = "ffpp",
            description = "FaceForensics++: from the download tree (original_sequences, manipulated_sequences, the "
                    + "official split files) to face crops <out>/<sequence>/<c>/frames/<video>/<frame>.png and "
                    + "<out>/pickle_files/<split>_<c>.pickle, as the reference's FaceForensics loader reads them.",
            mixinStandardHelpOptions = true)
    static final class Ffpp extends DatasetCommand {
        @Option(names = "--src", required = true, paramLabel = "DIR", description = "The FF++ download root.")
        Path src;

        @Option(names = "--out", required = true, paramLabel = "ROOT", description = "The prepared dataset root.")
        Path out;

        @Option(names = "--compression", defaultValue = "c23", paramLabel = "C",
                description = "c0 (folder raw), c23 or c40 (default ${DEFAULT-VALUE}).")
        String compression;

        @Option(names = "--splits", paramLabel = "DIR",
                description = "Folder of the official train/val/test.json (default: <src>/splits).")
        Path splits;

        @Option(names = "--methods", split = ",", paramLabel = "M",
                description = "Manipulation methods to prepare, when downloaded (default: all of the reference's).")
        List<String> methods;

        @Mixin
        ConfigOptions configs = new ConfigOptions();

        @Override
        public void run() {
            FfppLayout.compressionFolder(compression);
            CropSettings settings = face.settings();
            FfppPreparer.Summary s = FfppPreparer.prepare(new FfppPreparer.Request(src, out, compression, splits,
                            methods == null ? FfppLayout.METHODS : methods, settings, face.workers,
                            configs.schedule("ffpp_" + compression)),
                    detector(settings), null);
            PrintWriter w = out();
            s.framesBySplit().forEach((split, n) -> w.printf("  %-5s %7d face crops -> %s%n", split, n,
                    out.resolve(FfppLayout.indexFile(split, compression))));
            if (!s.skipped().isEmpty()) {
                w.printf("%d videos are in no split file and were skipped%n", s.skipped().size());
            }
            finish(w, out, s.outcome(), "FE", s.configs().model());
        }
    }

    /** {@code unidefense prepare folder}. */
    @Command(name = "folder",
            description = "Your own data: real and fake videos, folders of frames or images to a UniAttack-style LMDB "
                    + "store and index lists (split by video, seeded) plus data_folder.yml/model_folder.yml for "
                    + "'train --engine UE'.",
            mixinStandardHelpOptions = true)
    static final class Folder extends DatasetCommand {
        @Option(names = "--real", required = true, paramLabel = "DIR", description = "Folder of bona-fide media.")
        Path real;

        @Option(names = "--fake", required = true, paramLabel = "DIR",
                description = "Folder of attack or forgery media; repeat for several attack types.")
        List<Path> fakes;

        @Option(names = "--attack-type", paramLabel = "NAME",
                description = "Attack type of each --fake folder, in order (default: the folder's name).")
        List<String> attackTypes;

        @Option(names = "--out", required = true, paramLabel = "ROOT", description = "The prepared dataset root.")
        Path out;

        @Option(names = "--split", defaultValue = "0.7,0.15,0.15", paramLabel = "T,V,E",
                description = "Fractions of each folder's videos for train, val and test (default ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Split seed (default ${DEFAULT-VALUE}).")
        long seed;

        @Mixin
        ConfigOptions configs = new ConfigOptions();

        @Override
        public void run() {
            CropSettings settings = face.settings();
            FolderPreparer.Summary s = FolderPreparer.prepare(new FolderPreparer.Request(
                            FolderPreparer.groups(real, fakes, attackTypes), out, FolderSplit.ratios(split), seed, settings,
                            face.workers, configs.schedule("folder")),
                    detector(settings), null);
            PrintWriter w = out();
            s.frames().forEach((sp, n) -> w.printf("  %-5s %7d face crops%n", sp, n));
            if (!s.skipped().isEmpty()) {
                w.printf("%d entries are neither videos, images nor folders of images and were skipped%n",
                        s.skipped().size());
            }
            finish(w, out, s.outcome(), "UE", s.configs().model());
        }
    }

    /** {@code unidefense prepare celebdf}. */
    @Command(name = "celebdf",
            description = "Celeb-DF v2: from the download (YouTube-real, Celeb-real, Celeb-synthesis, "
                    + "List_of_testing_videos.txt) to face crops <out>/<source>/images/<video>/<frame>.png and the "
                    + "test list, as the reference's CelebDF loader reads them.",
            mixinStandardHelpOptions = true)
    static final class CelebDf extends DatasetCommand {
        @Option(names = "--src", required = true, paramLabel = "DIR", description = "The Celeb-DF v2 download root.")
        Path src;

        @Option(names = "--out", required = true, paramLabel = "ROOT", description = "The prepared dataset root.")
        Path out;

        @Mixin
        ConfigOptions configs = new ConfigOptions();

        @Override
        public void run() {
            CropSettings settings = face.settings();
            CelebDfPreparer.Summary s = CelebDfPreparer.prepare(new CelebDfPreparer.Request(src, out, settings,
                    face.workers, configs.schedule("celebdf")), detector(settings), null);
            PrintWriter w = out();
            s.framesBySplit().forEach((sp, n) -> w.printf("  %-5s %7d face crops%n", sp, n));
            finish(w, out, s.outcome(), "FE", s.configs().model());
        }
    }

    /** {@code unidefense prepare bench}: throughput of prepare ffpp by worker count. */
    @Command(name = "bench",
            description = "Frames per second of 'prepare ffpp' with each worker count, in one process on the same "
                    + "videos (a synthetic FF++ tree unless --src is given), as ratios to the first count.",
            mixinStandardHelpOptions = true)
    static final class Bench implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--src", paramLabel = "DIR", description = "An FF++ download tree (default: a synthetic one).")
        Path src;

        @Option(names = "--scratch", defaultValue = "target/prepare-bench", paramLabel = "DIR",
                description = "Where the runs write (deleted after each run; default ${DEFAULT-VALUE}).")
        Path scratchParent;

        @Option(names = "--threads", split = ",", defaultValue = "1,2", paramLabel = "T",
                description = "Worker counts to compare (default ${DEFAULT-VALUE}).")
        List<Integer> threads;

        @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Runs per count (default ${DEFAULT-VALUE}).")
        int repeat;

        @Option(names = "--frames", defaultValue = "all", paramLabel = "N|all", description = "Frames per video (default ${DEFAULT-VALUE}).")
        String frames;

        @Override
        public void run() {
            FaceOptions f = new FaceOptions();
            f.frames = frames;
            f.margin = 0.3;
            f.detector = FaceDetectors.HAAR;
            Path scratch = PrepareThroughput.scratch(scratchParent);
            Path tree = src;
            if (tree == null) {
                tree = scratch.resolve("download");
                SyntheticDownloads.ffpp(tree, PrepareThroughput.benchmarkTree());
            }
            PrepareThroughput.Result r = PrepareThroughput.measure(tree, scratch, threads, repeat, f.settings());
            PrintWriter w = spec.commandLine().getOut();
            double base = r.framesPerSecond().get(threads.get(0));
            w.printf("prepare ffpp: %d frames per run, best of %d runs (after a warm-up run)%n", r.framesPerRun(), repeat);
            r.framesPerSecond().forEach((t, fps) -> w.printf(java.util.Locale.ROOT,
                    "  workers %d: %7.1f frames/s  ratio %.2f%n", t, fps, fps / base));
            w.flush();
        }
    }

    /** {@code unidefense prepare ocim}. */
    @Command(name = "ocim",
            description = "One OCIM domain (O: OULU-NPU, C: CASIA-FASD, I: Replay-Attack, M: MSU-MFSD): from its videos "
                    + "to <out>/<domain root>/lists/{real,fake}_5points.pickle and the LMDB store <out>/lmdb/<domain root> "
                    + "of face crops, as the reference's OCIM loader reads them. Run once per domain into the same --out.",
            mixinStandardHelpOptions = true)
    static final class Ocim extends DatasetCommand {
        @Option(names = "--domain", required = true, paramLabel = "O|C|I|M", description = "Which OCIM dataset --src holds.")
        String domain;

        @Option(names = "--src", required = true, paramLabel = "DIR", description = "The dataset's download root.")
        Path src;

        @Option(names = "--out", required = true, paramLabel = "ROOT", description = "The OCIM root (shared by the domains).")
        Path out;

        @Override
        public void run() {
            CropSettings settings = face.settings(1.0);
            // Each domain keeps its own resume state: the domains share the root.
            OcimPreparer.Summary s = OcimPreparer.prepare(new OcimPreparer.Request(domain, src, out, settings, face.workers),
                    detector(settings), null);
            PrintWriter w = out();
            w.printf("  real %7d face crops, attack %7d face crops%n", s.real(), s.fake());
            if (!s.skipped().isEmpty()) {
                w.printf("%d videos are neither real nor attack by the dataset's naming and were skipped%n", s.skipped().size());
            }
            // ocim writes no data/model files (the domains share one root), so no training command
            finish(w, out.resolve(OcimPreparer.DOMAIN_ROOTS.getOrDefault(domain, "")), s.outcome(), null, null);
        }
    }
}
