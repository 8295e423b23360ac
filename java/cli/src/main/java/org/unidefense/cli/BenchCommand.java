package org.unidefense.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.unidefense.UserInputException;
import org.unidefense.bench.AllocatorInfo;
import org.unidefense.bench.EvalForwardBench;
import org.unidefense.bench.LoaderBench;
import org.unidefense.bench.TrainStepBench;
import org.unidefense.config.MemoryFormat;
import org.unidefense.config.Precision;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.bench.MatmulPeak;
import org.unidefense.bench.ProcessMemory;
import org.unidefense.bench.ProcessStats;
import org.unidefense.bench.TimingStats;
import org.unidefense.inference.InputDecoders;
import org.unidefense.bench.PredictBench;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ConfigOverrides;
import org.unidefense.config.ModelConfig;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.DeviceSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.get_num_threads;
import static org.bytedeco.pytorch.global.torch.set_num_threads;

/**
 * {@code unidefense bench}: speed and memory of a model on this machine, as JSON. Figures are
 * medians over timed runs after warm-up, reported next to the machine's matmul peak measured in
 * the same invocation, so runs on different or contended machines can be compared as ratios.
 */
@Command(name = "bench",
        description = "Measure speed and memory (JSON on stdout) of one of four workloads (--workload): eval (the model's "
                + "forward), train (a training step), loader (the data loader) or predict (end to end); with CPU time, "
                + "page faults and the allocator in use.",
        mixinStandardHelpOptions = true)
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What to measure. */
    enum Workload { eval, train, loader, predict }

    @Option(names = "--workload", defaultValue = "eval", paramLabel = "W",
            description = "eval: model forward in eval mode; train: the training step of --config's model (two-pass, or RECCE's single pass) "
                    + "and optimizer, --batch real + --batch fake images; loader: decode + crop + transforms + batch "
                    + "assembly of in-memory JPEG faces with 1 and 2 worker threads; predict: end-to-end images/s of 'predict' "
                    + "(JPEG decode + face finding + crop + transforms + batched model) with --threads workers "
                    + "(default: ${DEFAULT-VALUE}).")
    Workload workload;

    @Option(names = "--model", paramLabel = "NAME", description = "Model name (${COMPLETION-CANDIDATES}); "
            + "default UDR18 unless --config is given.", completionCandidates = ModelNames.class)
    String modelName;

    @Option(names = "--config", paramLabel = "FILE", description = "Build the model of this model file instead.")
    Path config;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "32", description = "Images per forward (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--size", paramLabel = "S", defaultValue = "256", description = "Input height and width (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "libtorch intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "5", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the JSON to this file.")
    Path out;

    @Option(names = "--precision", paramLabel = "P", converter = PrecisionConverter.class,
            description = "fp32, bf16 or fp16 (default: the config's precision, else fp32).")
    Precision precision;

    @Option(names = "--memory-format", paramLabel = "F", converter = MemoryFormatConverter.class,
            description = "channels_last or contiguous (default: the config's memory_format, else the "
                    + "model's own: channels_last for the ResNets, contiguous for UDEB4 and RECCE).")
    MemoryFormat memoryFormat;
    @CommandLine.Mixin
    DeviceOption device = new DeviceOption();

    /** Lists the model names picocli offers in --help. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelRegistry.names().iterator();
        }
    }

    @Override
    public void run() {
        if (batch < 1 || size < 16 || threads < 1 || repeats < 1 || warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "need --batch >= 1, --size >= 16, --threads >= 1, --repeats >= 1, --warmup >= 0");
        }
        set_num_threads(threads);
        if (workload == Workload.loader) {
            write(loaderReport());
            return;
        }
        if (workload == Workload.train) {
            write(trainReport());
            return;
        }
        if (workload == Workload.predict) {
            write(predictReport());
            return;
        }
        long rssStart = ProcessMemory.rssBytes();
        DeviceSpec dev = resolvedDevice();
        UniDefenseModel model = buildModel();
        if (!dev.isCpu()) {
            model.to(dev.toTorch(), false);
        }
        double peak = MatmulPeak.gflops(1024, 5);
        EvalForwardBench.Result r = EvalForwardBench.run(model, batch, size, warmup, repeats);
        TimingStats t = r.secondsPerBatch();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", model.architecture());
        report.put("workload", "eval_forward");
        report.put("device", dev.toString());
        report.put("batch", batch);
        report.put("size", size);
        report.put("threads", get_num_threads());
        report.put("timed_runs", t.samples());
        report.put("seconds_per_batch_median", t.medianSeconds());
        report.put("seconds_per_batch_min", t.minSeconds());
        report.put("seconds_per_batch_max", t.maxSeconds());
        report.put("images_per_second_median", batch / t.medianSeconds());
        putNumerics(report, model);
        putProcessTimes(report, "per_batch", r.perBatch());
        putMachine(report, peak, rssStart, ProcessMemory.rssBytes());
        write(report);
    }

    /** End-to-end predict throughput on generated JPEG faces: decode, find faces, crop, transform, batched model. */
    private Map<String, Object> predictReport() {
        DeviceSpec dev = resolvedDevice();
        UniDefenseModel model = buildModel();
        String arch = model.architecture();
        int images = Math.max(2 * batch, 16);
        PredictBench.Result r = PredictBench.run(model, size, batch, threads, images, repeats, InputDecoders.defaults(), dev);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", arch);
        report.put("workload", "predict_end_to_end");
        report.put("device", dev.toString());
        report.put("faces", r.faces());
        report.put("images_per_pass", r.images());
        report.put("images_not_scored", r.failed());
        report.put("picture_size", PredictBench.PICTURE_SIZE);
        report.put("size", size);
        report.put("batch", batch);
        report.put("workers", r.workers());
        report.put("threads", get_num_threads());
        report.put("timed_passes", r.secondsPerPass().samples());
        report.put("seconds_per_pass_median", r.secondsPerPass().medianSeconds());
        report.put("images_per_second_median", r.imagesPerSecond());
        report.put("peak_rss_mb", ProcessMemory.peakRssBytes() / 1e6);
        return report;
    }

    /** The two-pass step of the configured model: median/min/max seconds per step and memory growth. */
    private Map<String, Object> trainReport() {
        if (config == null) {
            throw new UserInputException("--workload train needs --config (a model file with an optimizer block), "
                    + "e.g. config_template/ocim/model_udr18.yml");
        }
        ResolvedConfig cfg = ConfigLoader.load(config, ConfigOverrides.none());
        long rssStart = ProcessMemory.rssBytes();
        double peak = MatmulPeak.gflops(1024, 5);
        UniDefenseModel model = ModelRegistry.create(cfg);
        applyNumerics(model);
        DeviceSpec dev = device.orElse(cfg.config().device()).resolve(0);
        if (!dev.isCpu()) {
            model.to(dev.toTorch(), false);
        }
        TrainStepBench.Result r = TrainStepBench.run(model, cfg, batch, size, warmup, repeats);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("model", cfg.model().arch().name());
        report.put("workload", cfg.model().arch().isRecce() ? "train_recce_step" : "train_two_pass_step");
        report.put("device", dev.toString());
        report.put("images_per_step", batch + " real + " + batch + " fake");
        report.put("size", size);
        report.put("threads", get_num_threads());
        report.put("timed_steps", r.secondsPerStep().samples());
        report.put("seconds_per_step_median", r.secondsPerStep().medianSeconds());
        report.put("seconds_per_step_min", r.secondsPerStep().minSeconds());
        report.put("seconds_per_step_max", r.secondsPerStep().maxSeconds());
        report.put("rss_after_warmup_mb", r.rssAfterWarmupBytes() / 1e6);
        putNumerics(report, model);
        putProcessTimes(report, "per_step", r.perStep());
        putMachine(report, peak, rssStart, r.rssEndBytes());
        return report;
    }

    /** --precision and --memory-format, where given, over what the model was built with. */
    private void applyNumerics(UniDefenseModel model) {
        if (memoryFormat != null) {
            model.useMemoryFormat(memoryFormat);
        }
        if (precision != null) {
            model.usePrecision(precision);
        }
    }

    private static void putNumerics(Map<String, Object> report, UniDefenseModel model) {
        report.put("precision", model.precision().key());
        report.put("memory_format", model.memoryFormat().key());
    }

    /**
     * CPU time and page faults per timed run: a high system share with many minor faults means
     * the allocator returns buffers to the kernel between uses.
     */
    private static void putProcessTimes(Map<String, Object> report, String per, ProcessStats t) {
        report.put("cpu_user_s_" + per, t.userSeconds());
        report.put("cpu_system_s_" + per, t.systemSeconds());
        report.put("minor_faults_" + per, t.minorFaults());
        report.put("major_faults_" + per, t.majorFaults());
    }

    /** The figures every model workload reports next to its timings: machine peak, memory, allocator. */
    private static void putMachine(Map<String, Object> report, double matmulPeak, long rssStart, long rssEnd) {
        report.put("matmul_peak_gflops", matmulPeak);
        report.put("rss_start_mb", rssStart / 1e6);
        report.put("rss_end_mb", rssEnd / 1e6);
        report.put("peak_rss_mb", ProcessMemory.peakRssBytes() / 1e6);
        AllocatorInfo allocator = AllocatorInfo.current();
        report.put("malloc_tuned", allocator.tuned());
        report.put("allocator", allocator.describe());
    }

    /** Loader images/s with 1 and 2 worker threads on the same in-memory split ({@code --batch}, {@code --size}). */
    private Map<String, Object> loaderReport() {
        int images = Math.max(128, 4 * batch);
        org.unidefense.data.DatasetSplit items = LoaderBench.syntheticJpegs(images);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("workload", "loader");
        report.put("batch", batch);
        report.put("size", size);
        report.put("images_per_epoch", images);
        for (int workers : new int[]{1, 2}) {
            LoaderBench.Result r = LoaderBench.run(items, workers, size, batch, repeats);
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("images_per_second_median", r.imagesPerSecond());
            w.put("seconds_per_epoch_min", r.secondsPerEpoch().minSeconds());
            w.put("seconds_per_epoch_max", r.secondsPerEpoch().maxSeconds());
            w.put("cpu_ms_per_image", 1000 * r.cpuSecondsPerImage());
            report.put("workers_" + workers, w);
        }
        report.put("peak_rss_mb", ProcessMemory.peakRssBytes() / 1e6);
        return report;
    }

    /** --device, else the model file's config.device when --config is given, else auto; GPU 0 for auto/cuda. */
    private DeviceSpec resolvedDevice() {
        DeviceSpec fallback = config != null ? ConfigLoader.load(config, ConfigOverrides.none()).config().device()
                : DeviceSpec.AUTO;
        return device.orElse(fallback).resolve(0);
    }

    private UniDefenseModel buildModel() {
        UniDefenseModel model = buildModel(config, modelName);
        applyNumerics(model);
        return model;
    }

    /** The model of a model file, or the named model with default options (UDR18 if neither is given); shared with {@code profile}. */
    static UniDefenseModel buildModel(Path config, String modelName) {
        if (config != null && modelName != null) {
            throw new UserInputException("give either --model or --config, not both");
        }
        return config != null
                ? ModelRegistry.create(ConfigLoader.load(config, ConfigOverrides.none()))
                : ModelRegistry.create(ModelConfig.defaults(modelName == null ? "UDR18" : modelName)
                        .withNumClasses(2)); // two logits, as every official template uses
    }

    private void write(Map<String, Object> report) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            String text = json.writeValueAsString(report);
            PrintWriter pw = spec.commandLine().getOut();
            pw.println(text);
            pw.flush();
            if (out != null) {
                org.unidefense.io.AtomicFiles.writeString(out, text + "\n");
            }
        } catch (IOException e) {
            throw new UserInputException("cannot write the benchmark report to " + out + ": " + e.getMessage(), e);
        }
    }
}
