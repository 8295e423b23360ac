package org.unidefense.cli;

import org.unidefense.UserInputException;
import org.unidefense.config.Precision;
import org.unidefense.inference.CheckpointSelection;
import org.unidefense.inference.Detector;
import org.unidefense.inference.FaceSource;
import org.unidefense.inference.InputDecoders;
import org.unidefense.inference.InputExpander;
import org.unidefense.inference.InputItem;
import org.unidefense.inference.PredictionRun;
import org.unidefense.inference.PredictionSummary;
import org.unidefense.inference.RecordSink;
import org.unidefense.inference.UserBoxes;
import org.unidefense.io.AtomicFiles;
import org.unidefense.tensor.DeviceSpec;
import org.unidefense.media.PixelLimit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import static org.bytedeco.pytorch.global.torch.set_num_threads;

/** {@code unidefense predict}: score images, folders and videos with a trained model. */
@Command(name = "predict",
        description = "Score faces in images, folders, videos and lists of files with a trained model: one record per "
                + "frame and face (P(real), P(attack), decision at the checkpoint's threshold), one per video (mean), "
                + "one per item that failed. Exits with code 3 when any item failed.",
        mixinStandardHelpOptions = true)
public final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "RUN_OR_FILE",
            description = "A run folder runs/<model>/<id> (see --select), a checkpoint of this program, or one written "
                    + "by the reference's engines (then give --config).")
    Path checkpoint;

    @Option(names = "--select", paramLabel = "best|best_val|latest",
            description = "Which checkpoint of a run folder: best_val (selected on validation; the default where the run "
                    + "has one, as UniAttack runs do), best (the engine's rule; for UniAttack the reference's lowest "
                    + "test ACER; the default otherwise) or latest (the last step). Records and the summary name the file used.")
    String select;

    @Option(names = "--config", paramLabel = "MODEL_YAML",
            description = "The model file the checkpoint was trained with (model config, test transforms, margin); "
                    + "default: the config.yaml of the checkpoint's run folder.")
    Path config;

    @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
            description = "Image or video files, folders (recursive, sorted), or lists of paths (@list.txt or a .txt "
                    + "file, one path per line).")
    List<String> inputs;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the records here (.jsonl or .csv; written atomically); default JSON lines on stdout.")
    Path out;

    @Option(names = "--faces", defaultValue = "haar", paramLabel = "haar|auto|none|BOXES.csv",
            description = "haar: OpenCV's Haar cascade; auto: the cascade, and a picture without a detected face is "
                    + "scored whole (its record has no box); none: inputs are face crops, scored whole; a CSV of "
                    + "path,[frame,]x,y,w,h boxes (default: ${DEFAULT-VALUE}).")
    String faces;

    @Option(names = "--frames-per-video", defaultValue = "8", paramLabel = "K",
            description = "Frames sampled evenly per video, 0 = all (default: ${DEFAULT-VALUE}).")
    int framesPerVideo;

    @Option(names = "--batch", defaultValue = "16", paramLabel = "B",
            description = "Faces per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "Worker threads decoding, detecting and cropping; also libtorch's intra-op threads "
                    + "(default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--annotate", paramLabel = "DIR",
            description = "Also write each picture with its face boxes and scores to this folder.")
    Path annotate;

    @Option(names = "--margin", paramLabel = "M",
            description = "Face margin for cropping detected faces (default: the training config's test margin, or 0.3 "
                    + "for models trained on stored crops).")
    Double margin;

    @Option(names = "--precision", paramLabel = "fp32|bf16", converter = PrecisionConverter.class,
            description = "Arithmetic of the model's convolutions (default fp32; bf16 is faster on CPUs with AVX512-BF16).")
    Precision precision;

    @Option(names = "--max-megapixels", paramLabel = "MP", defaultValue = "50",
            description = "Largest picture or video frame to decode, in megapixels, checked against the size a file "
                    + "declares before decoding it (default: ${DEFAULT-VALUE}).")
    double maxMegapixels;

    @CommandLine.Mixin
    DeviceOption device = new DeviceOption();

    /** Media decoders and the Haar detector; tests replace them. */
    InputDecoders decoders = InputDecoders.defaults();

    @Override
    public Integer call() {
        if (batch < 1 || threads < 1 || framesPerVideo < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "need --batch >= 1, --threads >= 1, --frames-per-video >= 0");
        }
        if (!(maxMegapixels > 0) || !Double.isFinite(maxMegapixels)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-megapixels: expected a positive number");
        }
        PixelLimit.set(Math.round(maxMegapixels * 1e6));
        String format = formatOf(out);
        set_num_threads(threads);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        List<InputItem> items = InputExpander.expand(inputs);
        Detector.Builder b = Detector.builder().checkpoint(checkpoint).config(config).device(device.orElse(DeviceSpec.AUTO)).batchSize(batch)
                .framesPerVideo(framesPerVideo).decoders(decoders);
        if (select != null) {
            try {
                b.select(CheckpointSelection.parse(select));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--select: " + e.getMessage());
            }
        }
        if (margin != null) {
            b.margin(margin);
        }
        if (precision != null) {
            b.precision(precision);
        }
        switch (faces.toLowerCase(Locale.ROOT)) {
            case "haar" -> {
                // the builder's default: one Haar detector per worker thread, checked before any item
            }
            case "none" -> b.wholeImage();
            case "auto" -> b.faces(FaceSource.detectedOrWhole(decoders.haar()));
            default -> {
                if (!faces.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                    throw new UserInputException("--faces: expected haar, auto, none or a .csv file of boxes, found '"
                            + faces + "'");
                }
                b.faces(UserBoxes.read(Path.of(faces)));
            }
        }
        PredictionSummary summary;
        Path used;
        try (Detector detector = b.build()) {
            used = detector.checkpointFile();
            detector.notes().forEach(n -> stderr.println("note: " + n));
            stderr.flush();
            PredictionRun run = new PredictionRun(detector, threads, annotate);
            if (out == null) {
                summary = run.run(items, RecordSink.jsonLines(stdout));
            } else {
                summary = writeAtomically(run, items, format);
            }
        }
        stdout.println(summary.line() + "; checkpoint " + used + (out == null ? "" : "; results in " + out));
        stdout.flush();
        return summary.failed() > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }

    private PredictionSummary writeAtomically(PredictionRun run, List<InputItem> items, String format) {
        PredictionSummary[] result = new PredictionSummary[1];
        try {
            AtomicFiles.write(out, tmp -> {
                try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                    RecordSink sink = format.equals("csv") ? RecordSink.csv(w) : RecordSink.jsonLines(w);
                    result[0] = run.run(items, sink);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new UserInputException("--out " + out + ": cannot write the results (" + e.getMessage() + ")", e);
        }
        return result[0];
    }

    private static String formatOf(Path out) {
        if (out == null) {
            return "jsonl";
        }
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return "csv";
        }
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            return "jsonl";
        }
        throw new UserInputException("--out " + out + ": expected a .jsonl or .csv file name");
    }
}
