package org.unidefense.profile;

import org.unidefense.bench.AllocatorInfo;
import org.unidefense.bench.ProcessStats;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.bench.EvalForwardBench;
import org.unidefense.bench.LoaderBench;
import org.unidefense.bench.MatmulPeak;
import org.unidefense.bench.ProcessMemory;
import org.unidefense.config.FaceMargin;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.config.CropMode;
import org.unidefense.data.loader.Batch;
import org.unidefense.data.loader.BatchLoader;
import org.unidefense.data.loader.BatchStream;
import org.unidefense.inference.InputDecoders;
import org.unidefense.bench.PredictBench;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Tensors;
import org.unidefense.train.TwoPassTraining;

import java.io.PrintStream;

/**
 * Runs a workload of {@code bench} under the span recorder: warm-up steps first (unrecorded: they
 * include oneDNN's kernel generation and the first touch of every buffer), then {@code steps}
 * recorded steps, each a root span {@value #STEP} holding its phases and, inside the forward
 * phases, one span per module.
 *
 * <ul>
 * <li>train: the two-pass step of the configuration's model and optimizer on batches from the
 * threaded loader (synthetic JPEG faces of {@link LoaderBench} through the training transforms,
 * {@code batch} real + {@code batch} fake, real first as the step wants them), then one
 * evaluation forward of {@code 2 × batch} images, recorded under its own root
 * {@value #EVALUATION};</li>
 * <li>eval: {@link EvalForwardBench}'s forward of {@code batch} random images;</li>
 * <li>predict: one pass of {@link PredictBench} (decode, faces, crop, transforms, model).</li>
 * </ul>
 */
public final class ProfileRun {
    public static final String STEP = "step";
    public static final String EVALUATION = "evaluation";
    private static final long SAMPLE_MILLIS = 20;

    /** What to run. */
    public enum Workload { train, eval, predict }

    /**
     * @param batch for train: real images per step (as many fakes); otherwise images per forward
     */
    public record Settings(Workload workload, int batch, int size, int steps, int warmup, int threads) {
    }

    /**
     * @param stepNanos  each recorded step's wall time, measured outside the recorder
     * @param process    page faults and CPU time over the recorded steps
     */
    public record Result(SpanRecorder recorder, ProfileTable table, ProfileTable evaluation, long[] stepNanos,
                         ProcessStats process, double matmulPeakGflops, AllocatorInfo allocator, long peakRssBytes) {
    }

    private ProfileRun() {
    }

    /**
     * @param cfg    the configuration (needed for train: optimizer, lambdas, num_steps)
     * @param marker where to print {@link OneDnnVerbose#TIMED_MARKER} before the recorded steps, or null
     */
    public static Result run(UniDefenseModel model, ResolvedConfig cfg, Settings s, PrintStream marker) {
        double peakBefore = MatmulPeak.gflops(1024, 5);
        SpanRecorder recorder = new SpanRecorder(ModuleNames.of(model));
        Thread sampler = startSampler(recorder);
        try {
            Result r = switch (s.workload()) {
                case train -> train(model, cfg, s, recorder, peakBefore, marker);
                case eval -> repeat(s, recorder, peakBefore, marker,
                        () -> Trace.phase(EVALUATION, () -> EvalForwardBench.run(model, s.batch(), s.size(), 0, 1)));
                case predict -> repeat(s, recorder, peakBefore, marker, () -> Trace.phase("predict",
                        () -> PredictBench.run(model, s.size(), s.batch(), s.threads(), Math.max(2 * s.batch(), 8), 1,
                                InputDecoders.defaults())));
            };
            // a contended moment reads low: the better of a reading before and one after the run
            double peak = Math.max(peakBefore, MatmulPeak.gflops(1024, 5));
            return new Result(r.recorder(), r.table(), r.evaluation(), r.stepNanos(), r.process(), peak, r.allocator(),
                    r.peakRssBytes());
        } finally {
            sampler.interrupt();
        }
    }

    private static Result repeat(Settings s, SpanRecorder recorder, double peak, PrintStream marker, Runnable step) {
        for (int i = 0; i < s.warmup(); i++) {
            step.run();
        }
        long[] nanos = new long[s.steps()];
        ProcessStats before = beginRecording(marker);
        try (Trace.Recording on = Trace.install(recorder)) {
            for (int i = 0; i < s.steps(); i++) {
                long t0 = System.nanoTime();
                Trace.phase(STEP, step);
                nanos[i] = System.nanoTime() - t0;
            }
        }
        endRecording(marker);
        return result(recorder, null, nanos, ProcessStats.now().minus(before), peak);
    }

    private static Result train(UniDefenseModel model, ResolvedConfig cfg, Settings s, SpanRecorder recorder,
                                double peak, PrintStream marker) {
        TwoPassTraining training = TwoPassTraining.fromConfig(model, cfg.config(), cfg.dataset().common().numSteps());
        int perStep = 2 * s.batch();
        // alternating labels and no shuffling: every batch holds batch real and batch fake images
        var items = LoaderBench.syntheticJpegs(perStep * (s.warmup() + s.steps()));
        long[] nanos = new long[s.steps()];
        try (BatchLoader loader = BatchLoader.builder(items, LoaderBench.trainPipeline(s.size())).batchSize(perStep)
                .workers(1).crop(CropMode.FOUR_POINT, FaceMargin.fixed(0.2)).shuffle(false).seed(1).build();
             BatchStream stream = loader.epoch(0)) {
            for (int i = 1; i <= s.warmup(); i++) {
                trainStep(training, stream, s.batch(), i);
            }
            ProcessStats before = beginRecording(marker);
            ProcessStats after;
            try (Trace.Recording on = Trace.install(recorder)) {
                for (int i = 0; i < s.steps(); i++) {
                    long t0 = System.nanoTime();
                    trainStep(training, stream, s.batch(), s.warmup() + i + 1L);
                    nanos[i] = System.nanoTime() - t0;
                }
                after = ProcessStats.now();
                endRecording(marker);
                Trace.phase(EVALUATION, () -> EvalForwardBench.run(model, perStep, s.size(), 0, 1));
            }
            return result(recorder, ProfileTable.of(recorder.spans(), EVALUATION), nanos, after.minus(before), peak);
        }
    }

    /** One recorded step: the batch from the loader, the two-pass step, and freeing the step's tensors. */
    private static void trainStep(TwoPassTraining training, BatchStream stream, int perClass, long step) {
        Trace.begin(STEP);
        try (PointerScope scope = new PointerScope()) {
            Trace.begin("data");
            Tensor[] xy = realFirst(stream.next());
            Trace.end();
            training.step().run(xy[0], xy[1], perClass, step);
        }
        Trace.end();
    }

    /** The batch reordered so its real images (label 0) come first, as the two-pass step expects. */
    static Tensor[] realFirst(Batch b) {
        int len = b.imageLength();
        float[] images = new float[b.images().length];
        long[] labels = new long[b.size()];
        int k = 0;
        for (long label = 0; label <= 1; label++) {
            for (int n = 0; n < b.size(); n++) {
                if (b.labels()[n] == label) {
                    System.arraycopy(b.images(), n * len, images, k * len, len);
                    labels[k++] = label;
                }
            }
        }
        return new Tensor[]{Tensors.fromFloats(images, b.shape()), Tensors.fromLongs(labels, labels.length)};
    }

    private static ProcessStats beginRecording(PrintStream marker) {
        if (marker != null) {
            marker.println(OneDnnVerbose.TIMED_MARKER);
            marker.flush();
        }
        return ProcessStats.now();
    }

    private static void endRecording(PrintStream marker) {
        if (marker != null) {
            marker.println(OneDnnVerbose.END_MARKER);
            marker.flush();
        }
    }

    private static Result result(SpanRecorder recorder, ProfileTable evaluation, long[] nanos, ProcessStats process,
                                 double peak) {
        recorder.counter("rss_mb", ProcessMemory.rssBytes() / 1e6);
        return new Result(recorder, ProfileTable.of(recorder.spans(), STEP), evaluation, nanos, process, peak,
                AllocatorInfo.current(), ProcessMemory.peakRssBytes());
    }

    /** Resident memory and page faults every 20 ms, as trace counters. */
    private static Thread startSampler(SpanRecorder recorder) {
        long faults0 = ProcessStats.now().minorFaults();
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                recorder.counter("rss_mb", ProcessMemory.rssBytes() / 1e6);
                recorder.counter("minor_page_faults", ProcessStats.now().minorFaults() - faults0);
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "profile-sampler");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Summed self times against the externally measured steps: 1.0 when the recorder accounts for every nanosecond. */
    public static double accountedShare(ProfileTable table, long[] stepNanos) {
        long measured = 0;
        for (long n : stepNanos) {
            measured += n;
        }
        return measured == 0 ? 0 : (double) table.selfNanosSum() / measured;
    }
}
