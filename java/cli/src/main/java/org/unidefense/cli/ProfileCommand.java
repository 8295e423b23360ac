package org.unidefense.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.unidefense.UserInputException;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ConfigOverrides;
import org.unidefense.config.MemoryFormat;
import org.unidefense.config.Precision;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.io.AtomicFiles;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.profile.OneDnnChild;
import org.unidefense.profile.OneDnnVerbose;
import org.unidefense.profile.ProfileRun;
import org.unidefense.profile.ProfileRun.Workload;
import org.unidefense.bench.ProcessStats;
import org.unidefense.profile.TraceEventWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.get_num_threads;
import static org.bytedeco.pytorch.global.torch.set_num_threads;

/**
 * {@code unidefense profile}: where the time of a training step, an evaluation forward or a
 * predict pass goes, per phase and per module (with FLOPs and GFLOP/s next to the machine's
 * matmul peak), per oneDNN primitive (from a child run with oneDNN's execution log), and what the
 * process did meanwhile (page faults, user and system CPU, resident memory, allocator). Writes
 * {@code trace.json} (Chrome trace events: Perfetto, chrome://tracing), {@code profile.txt} and
 * {@code profile.json}, and {@code onednn.txt}, {@code onednn.json} and the raw log. See
 * docs/profiling.md.
 */
@Command(name = "profile",
        description = "Profile a training step, an eval forward or a predict pass: per-phase and per-module "
                + "time, FLOPs and share, oneDNN primitives, page faults and CPU time; writes a Chrome trace.",
        mixinStandardHelpOptions = true)
public final class ProfileCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--workload", defaultValue = "train", paramLabel = "W",
            description = "train: the two-pass step of --config (--batch real + --batch fake images from the loader), "
                    + "then one eval forward; eval: model forward of --batch images; predict: end-to-end predict of "
                    + "generated pictures (default: ${DEFAULT-VALUE}).")
    Workload workload;

    @Option(names = "--config", paramLabel = "FILE", description = "Model file (needed for train).")
    Path config;

    @Option(names = "--model", paramLabel = "NAME", description = "Model name for eval/predict without --config "
            + "(default UDR18).")
    String modelName;

    @Option(names = "--batch", defaultValue = "4", description = "train: real images per step (as many fakes); "
            + "otherwise images per forward (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--size", defaultValue = "128", description = "Input height and width (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--steps", defaultValue = "1", description = "Recorded steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "1", description = "Unrecorded steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--threads", defaultValue = "2", description = "libtorch intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", defaultValue = "profile", paramLabel = "DIR",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--depth", defaultValue = "2", description = "Module levels in the text table "
            + "(0: top-level modules; the JSON has all) (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--onednn", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run one step in a child JVM with ONEDNN_VERBOSE=profile_exec and tabulate the "
                    + "primitives (default: on; --no-onednn skips it).")
    boolean onednn;

    @Option(names = "--precision", paramLabel = "P", converter = PrecisionConverter.class,
            description = "fp32, bf16 or fp16 (default: the config's precision, else fp32).")
    Precision precision;

    @Option(names = "--memory-format", paramLabel = "F", converter = MemoryFormatConverter.class,
            description = "channels_last or contiguous (default: the config's memory_format, else the "
                    + "model's own: channels_last for the ResNets, contiguous for UDEB4 and RECCE).")
    MemoryFormat memoryFormat;

    /** Internal: this process is the oneDNN child; print the timed marker, write nothing. */
    @Option(names = "--onednn-child", hidden = true)
    boolean onednnChild;

    @Override
    public void run() {
        if (steps < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--steps must be at least 1 (got " + steps + "): a profile needs one recorded step");
        }
        if (batch < 1 || size < 16 || threads < 1 || warmup < 0 || depth < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "need --batch >= 1, --size >= 16, --threads >= 1, --warmup >= 0, --depth >= 0");
        }
        ResolvedConfig cfg = null;
        UniDefenseModel model;
        if (workload == Workload.train) {
            if (config == null) {
                throw new UserInputException("--workload train needs --config (a model file with an optimizer block), "
                        + "e.g. config_template/ocim/model_udr18.yml");
            }
            if (modelName != null) {
                throw new UserInputException("give either --model or --config, not both");
            }
            cfg = ConfigLoader.load(config, ConfigOverrides.none());
            model = ModelRegistry.create(cfg); // with the config's precision and memory format
        } else {
            model = BenchCommand.buildModel(config, modelName);
        }
        if (memoryFormat != null) {
            model.useMemoryFormat(memoryFormat);
        }
        if (precision != null) {
            model.usePrecision(precision);
        }
        set_num_threads(threads);
        ProfileRun.Settings settings = new ProfileRun.Settings(workload, batch, size, steps, warmup, threads);
        if (onednnChild) {
            ProfileRun.run(model, cfg, settings, System.out);
            return;
        }
        try {
            Files.createDirectories(out);
            // the child runs first, while this process holds little more than the model's weights
            OneDnnVerbose v = onednn ? oneDnn() : null;
            double load0 = loadAverage();
            ProfileRun.Result r = ProfileRun.run(model, cfg, settings, null);
            double load1 = loadAverage();
            Map<String, Object> report = report(model, r, load0, load1);
            StringBuilder text = new StringBuilder(header(model, r, load0, load1));
            text.append('\n').append(r.table().text(r.matmulPeakGflops(), depth));
            if (r.evaluation() != null && r.evaluation().steps() > 0) {
                text.append(String.format(Locale.ROOT, "%nevaluation forward of %d images after the steps:%n", 2 * batch));
                text.append(r.evaluation().text(r.matmulPeakGflops(), Math.min(depth, 0)));
            }
            report.put("table", r.table().json(r.matmulPeakGflops()));
            if (r.evaluation() != null) {
                report.put("evaluation", r.evaluation().json(r.matmulPeakGflops()));
            }
            if (onednn) {
                if (v != null) {
                    String t = v.text(25, steps);
                    AtomicFiles.writeString(out.resolve("onednn.txt"), t);
                    writeJson(out.resolve("onednn.json"), v.json(steps));
                    report.put("onednn", v.json(steps).get("by_kind"));
                    text.append('\n').append(t);
                }
            }
            Map<String, Object> meta = new LinkedHashMap<>(report);
            meta.remove("table");
            meta.remove("evaluation");
            meta.remove("onednn");
            AtomicFiles.writeString(out.resolve("trace.json"), TraceEventWriter.json(TraceEventWriter.document(
                    r.recorder().spans(), r.recorder().counters(), r.recorder().threadNames(), meta)));
            writeJson(out.resolve("profile.json"), report);
            AtomicFiles.writeString(out.resolve("profile.txt"), text.toString());
            PrintWriter pw = spec.commandLine().getOut();
            pw.print(text);
            pw.printf("%nwritten: %s (trace.json, profile.txt, profile.json%s)%n", out,
                    onednn ? ", onednn.txt, onednn.json, onednn_verbose.log" : "");
            pw.flush();
        } catch (IOException e) {
            throw new UserInputException("cannot write the profile to " + out + ": " + e.getMessage(), e);
        }
    }

    /** Runs one recorded step again in a child JVM with oneDNN's execution log; null (with a warning) if it failed. */
    private OneDnnVerbose oneDnn() throws IOException {
        Path log = out.resolve("onednn_verbose.log");
        Path err = out.resolve("onednn_child.err");
        List<String> args = new ArrayList<>(List.of("profile", "--workload", workload.name(), "--batch",
                Integer.toString(batch), "--size", Integer.toString(size), "--steps", Integer.toString(steps),
                "--warmup", Integer.toString(Math.max(warmup, 1)), "--threads", Integer.toString(threads),
                "--onednn-child"));
        if (config != null) {
            args.addAll(List.of("--config", config.toAbsolutePath().toString()));
        }
        if (modelName != null) {
            args.addAll(List.of("--model", modelName));
        }
        if (precision != null) {
            args.addAll(List.of("--precision", precision.key()));
        }
        if (memoryFormat != null) {
            args.addAll(List.of("--memory-format", memoryFormat.key()));
        }
        try {
            OneDnnChild.Outcome o = OneDnnChild.run(Main.class.getName(), args, log, err, 120);
            if (o.exitCode() != 0) {
                spec.commandLine().getErr().println("warning: the oneDNN child run failed (exit " + o.exitCode()
                        + "); no primitive table. Its last messages:\n" + OneDnnChild.tail(err, 5));
                return null;
            }
            Files.deleteIfExists(err);
            return OneDnnVerbose.parse(Files.readString(log));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String header(UniDefenseModel model, ProfileRun.Result r, double load0, double load1) {
        ProcessStats p = r.process();
        double per = steps;
        String images = workload == Workload.train ? batch + " real + " + batch + " fake" : Integer.toString(batch);
        return String.format(Locale.ROOT,
                "unidefense profile: %s workload, %s (%s, %s), %s images @%dx%d, %d recorded step(s) after %d warm-up, %d threads%n"
                        + "machine: %d cores, load average %.2f before / %.2f after; matmul peak %.1f GFLOP/s (1024², best of a reading before and after the run)%n"
                        + "per step: %.3f s wall; CPU user %.2f s, system %.2f s (system %.0f%% of CPU time); "
                        + "page faults %.0f minor, %.0f major%n"
                        + "recorder accounts for %.1f%% of the measured step time%n"
                        + "allocator: %s; peak RSS %.0f MB%n",
                workload, model.architecture(), model.precision().key(), model.memoryFormat().key(), images, size, size, steps, warmup, get_num_threads(),
                Runtime.getRuntime().availableProcessors(), load0, load1, r.matmulPeakGflops(),
                sum(r.stepNanos()) / 1e9 / per, p.userSeconds() / per, p.systemSeconds() / per, 100 * p.systemShare(),
                p.minorFaults() / per, p.majorFaults() / per,
                100 * ProfileRun.accountedShare(r.table(), r.stepNanos()), r.allocator(), r.peakRssBytes() / 1e6);
    }

    private Map<String, Object> report(UniDefenseModel model, ProfileRun.Result r, double load0, double load1) {
        ProcessStats p = r.process();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", workload.name());
        m.put("model", model.architecture());
        m.put("precision", model.precision().key());
        m.put("memory_format", model.memoryFormat().key());
        m.put("batch", batch);
        m.put("size", size);
        m.put("steps", steps);
        m.put("warmup", warmup);
        m.put("threads", get_num_threads());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("load_average_before", load0);
        m.put("load_average_after", load1);
        m.put("matmul_peak_gflops", r.matmulPeakGflops());
        m.put("seconds_per_step", sum(r.stepNanos()) / 1e9 / steps);
        m.put("user_cpu_seconds_per_step", p.userSeconds() / steps);
        m.put("system_cpu_seconds_per_step", p.systemSeconds() / steps);
        m.put("minor_page_faults_per_step", (double) p.minorFaults() / steps);
        m.put("major_page_faults_per_step", (double) p.majorFaults() / steps);
        m.put("allocator", r.allocator().name());
        m.put("allocator_settings", r.allocator().settings());
        m.put("peak_rss_mb", r.peakRssBytes() / 1e6);
        m.put("recorded_share_of_step", ProfileRun.accountedShare(r.table(), r.stepNanos()));
        return m;
    }

    private static long sum(long[] v) {
        long s = 0;
        for (long x : v) {
            s += x;
        }
        return s;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(value) + "\n");
    }
}
