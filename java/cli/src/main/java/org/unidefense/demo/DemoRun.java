package org.unidefense.demo;

import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ConfigOverrides;
import org.unidefense.config.Engine;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.data.syntheticset.SyntheticDatasetWriter;
import org.unidefense.engine.Evaluation;
import org.unidefense.engine.Runs;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole demo: the synthetic benchmark (kept when it is already there), a UDR18 (or RECCE) run trained on
 * its Protocol III split with replay attacks held out, then tested on that held-out attack and on
 * the Protocol I (FF++) test set. Nothing is downloaded.
 *
 * <p>One model answers both questions honestly: it never saw a replay attack, and every FF++
 * method of the Protocol I test set is in its training split (as in Protocol I itself).
 */
public final class DemoRun {
    /** A test of the trained run: which protocol, its metrics by checkpoint, and its report folder. */
    public record Result(String protocol, Map<String, Evaluation> byCheckpoint, Path report) {
        public double frameAuc(String checkpoint) {
            return byCheckpoint.get(checkpoint).metrics().getOrDefault("test/frame/AUC", Double.NaN);
        }
    }

    private final Path dir;
    private final DemoOptions options;
    private final PrintWriter out;

    public DemoRun(Path dir, DemoOptions options, PrintWriter out) {
        this.dir = dir;
        this.options = options;
        this.out = out;
    }

    public Path benchmark() {
        return dir.resolve("synthetic_uniattack");
    }

    public Path runsRoot() {
        return dir.resolve("runs");
    }

    /** Runs every stage and returns the two tests. */
    public List<Result> run() {
        long start = System.nanoTime();
        prepareBenchmark();
        String id = freeRunId();
        DemoFiles files = DemoFiles.write(dir.resolve("config"), benchmark(), id, options);
        out.println("demo: configuration in " + files.model().getParent() + " (run id " + id + ")");
        out.flush();

        ConfigOverrides ue = new ConfigOverrides(Engine.UE, 0, null, null, false);
        ResolvedConfig train = ConfigLoader.load(files.model(), ue);
        try (org.unidefense.engine.TrainingLoop engine = Runs.openTraining(train, runsRoot(), out)) {
            engine.train();
        }
        List<Result> results = new ArrayList<>();
        ResolvedConfig p3 = ConfigLoader.load(files.model(), ue.withTest(true));
        results.add(new Result("Protocol III, replay held out", Runs.test(p3, runsRoot(), out),
                runDir(id).resolve("test_best")));
        ConfigOverrides p1Overrides = new ConfigOverrides(Engine.UE, 0, null, files.protocol1().toString(), true);
        ResolvedConfig p1 = ConfigLoader.load(files.model(), p1Overrides);
        results.add(new Result("Protocol I (FF++)", Runs.test(p1, runsRoot(), out, "prot1"),
                runDir(id).resolve("test_best_prot1")));
        summarize(results, (System.nanoTime() - start) / 1e9);
        return results;
    }

    private void prepareBenchmark() {
        Path root = benchmark();
        if (Files.isDirectory(root.resolve("FaceForensics++"))) {
            out.println("demo: using the synthetic benchmark already in " + root + " (delete it to write one with other options)");
            return;
        }
        long t = System.nanoTime();
        SyntheticDatasetWriter.Summary s = SyntheticDatasetWriter.write(root, new SyntheticDatasetWriter.Options(
                options.seed(), options.size(), options.videosPerMethod(), options.frames()));
        out.printf(Locale.ROOT, "demo: wrote the synthetic benchmark (%d images) to %s in %.1f s%n", s.images(), root,
                (System.nanoTime() - t) / 1e9);
        out.flush();
    }

    /** {@code demo}, or {@code demo-2}, {@code demo-3}... when earlier demos are kept in the same folder. */
    private String freeRunId() {
        String id = "demo";
        for (int k = 2; Files.exists(runDir(id)); k++) {
            id = "demo-" + k;
        }
        return id;
    }

    private Path runDir(String id) {
        return runsRoot().resolve(options.model()).resolve(id);
    }

    private void summarize(List<Result> results, double seconds) {
        out.println();
        out.printf(Locale.ROOT, "demo finished in %.0f s (%s, %d steps, batch %d+%d, %d px)%n", seconds, options.model(),
                options.steps(), options.batch(), options.batch(), options.size());
        for (Result r : results) {
            r.byCheckpoint().forEach((ckpt, e) -> out.printf(Locale.ROOT,
                    "  %-30s %-9s frame AUC %.4f  video AUC %.4f  frame ACER %.4f%n", r.protocol(), ckpt,
                    e.metrics().getOrDefault("test/frame/AUC", Double.NaN),
                    e.metrics().getOrDefault("test/video/AUC", Double.NaN),
                    e.metrics().getOrDefault("test/frame/ACER", Double.NaN)));
            out.println("    report: " + r.report().resolve("report.html"));
        }
        out.flush();
    }
}
