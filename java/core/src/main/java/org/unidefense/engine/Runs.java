package org.unidefense.engine;

import org.unidefense.UserInputException;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.data.SplitIndex;
import org.unidefense.data.dataset.SplitIndexBuilder;
import org.unidefense.data.dataset.Stage;
import org.unidefense.data.loader.SplitLoaders;
import org.unidefense.distributed.DistEnv;
import org.unidefense.distributed.DistributedRun;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.model.recce.Recce;
import org.unidefense.model.weights.ImageNetInit;
import org.unidefense.model.weights.ModelCheckpoint;
import org.unidefense.report.EvaluationReport;
import org.unidefense.report.MetricTable;
import org.unidefense.report.RunHistory;
import org.unidefense.tensor.DeviceSpec;
import org.unidefense.train.RecceTraining;
import org.unidefense.train.Training;
import org.unidefense.train.TwoPassTraining;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.cuda_manual_seed_all;
import static org.bytedeco.pytorch.global.torch.manual_seed;

/** Sets up the training and test stages of a run from a resolved configuration. */
public final class Runs {
    private Runs() {
    }

    /**
     * A training run ready to {@link TrainingLoop#train()}: a new run directory holding the resolved
     * config (or, with {@code config.resume}, the existing one restored from {@code latest}), the
     * model initialised with the configured seed and ImageNet weights, the trainer and the data.
     */
    public static TrainingLoop openTraining(ResolvedConfig cfg, Path runsRoot, PrintWriter console) {
        return openTraining(cfg, runsRoot, console, DistEnv.single());
    }

    /**
     * As {@link #openTraining(ResolvedConfig, Path, PrintWriter)} for one process of a multi-process
     * run ({@code env} from the launcher's environment): rank 0 creates the run directory, logs and
     * writes checkpoints; every rank joins the process group, trains on its share of each batch and
     * scores its share of each evaluation. A resumed run must have a {@code config.id}, and its
     * directory must be readable by every rank.
     */
    public static TrainingLoop openTraining(ResolvedConfig cfg, Path runsRoot, PrintWriter console, DistEnv env) {
        return openTraining(cfg, runsRoot, console, env, cfg.config().device().resolve(env.localRank()));
    }

    /**
     * As {@link #openTraining(ResolvedConfig, Path, PrintWriter, DistEnv)} on {@code device} (resolved:
     * {@code cpu} or {@code cuda:N}): the model, the optimizer state and every tensor of the step
     * live there; checkpoints are written from CPU copies and load on either device.
     */
    public static TrainingLoop openTraining(ResolvedConfig cfg, Path runsRoot, PrintWriter console, DistEnv env,
                                      DeviceSpec device) {
        return openTraining(cfg, runsRoot, console, env, device, env.isWriter());
    }

    /**
     * As {@link #openTraining(ResolvedConfig, Path, PrintWriter, DistEnv, DeviceSpec)}, with
     * {@code writer} saying whether this process writes the run's logs and checkpoints (rank 0's
     * part; a test can thus play another rank without a process group).
     */
    static TrainingLoop openTraining(ResolvedConfig cfg, Path runsRoot, PrintWriter console, DistEnv env,
                                     DeviceSpec device, boolean writer) {
        boolean resume = cfg.config().resume();
        if (env.isDistributed() && resume && cfg.config().id() == null) {
            throw new UserInputException("config.id (or --exp_id) must name the run to resume with several processes");
        }
        // Everything that can be wrong with the config and the data is found before the run
        // directory exists: a failed start must not leave a directory that blocks the next one.
        SplitIndex index = SplitIndexBuilder.forRun(SplitLoaders.cropMode(cfg)).build(cfg.dataset(), Stage.TRAIN);
        manual_seed(cfg.config().seed());
        UniDefenseModel model = ModelRegistry.create(cfg);
        String imageNet = resume ? null
                : ImageNetInit.apply(model, cfg.model(), cfg.modelFile()).map(Object::toString).orElse(null);
        // On the device before the optimizer exists, so its state is created there too.
        placeOn(model, device, cfg.config().seed());
        Training training = model instanceof Recce recce
                ? RecceTraining.fromConfig(recce, cfg.config())
                : TwoPassTraining.fromConfig(model, cfg.config(), cfg.dataset().common().numSteps());

        List<String> notes = new java.util.ArrayList<>();
        RunDirectory.Claim claim = writer || !env.isDistributed()
                ? RunDirectory.claimForTraining(runsRoot, cfg.model().name(), cfg.config().id(), resume, notes::add)
                : null;
        RunDirectory run = claim != null ? claim.run()
                : new RunDirectory(runsRoot.resolve(cfg.model().name()).resolve(String.valueOf(cfg.config().id())));
        RunObserver log = null;
        DistributedRun dist = null;
        try {
            log = writer ? new RunLogFiles(run.records(), run.metrics(), console) : RunObserver.NONE;
            if (!resume && writer) {
                RunFiles.writeYaml(run.config(), cfg.toPlain());
            }
            log.line((resume ? "Resuming" : "Training") + " " + cfg.engine() + " run in " + run.dir());
            for (String note : notes) {
                log.line(note);
            }
            for (String w : cfg.warnings()) {
                log.line("warning: " + w);
            }
            log.line("Device: " + device);
            RunObserver out = log;
            dist = DistributedRun.open(env, cfg.config(), device, out::line);
            for (var p : index.all()) {
                log.line("  part " + p.name() + ": " + p.size() + " frames");
            }
            if (imageNet != null) {
                log.line("ImageNet weights: " + imageNet);
            }
            Protocol protocol = Protocol.of(cfg, index);
            protocol.distribute(dist);
            TrainingLoop engine = new TrainingLoop(cfg, protocol, model, training, run, log, dist, writer);
            engine.holdLock(claim);
            if (resume) {
                // resume_best: the reference's flag for reloading best_model.bin (its engines never got
                // to implement it); here best.pt comes with its own trainer state. Otherwise the newest
                // whole checkpoint of any kind.
                if (cfg.config().resumeBest()) {
                    engine.resume("best");
                } else {
                    engine.resume();
                }
            }
            // After a resume too: every rank then starts from rank 0's weights and statistics.
            dist.parallelize(model, training.step());
            return engine;
        } catch (RuntimeException e) {
            try {
                if (log != null) {
                    log.close();
                }
                if (dist != null) {
                    dist.close();
                }
            } finally {
                if (claim != null) {
                    claim.close();
                }
            }
            throw e;
        }
    }

    /**
     * The test stage: loads each selected model of the run ({@code best}, and {@code best_val} where
     * the protocol keeps one), evaluates it as the reference's {@code test()}, logs to {@code test.txt}
     * with a metric table, writes {@code test_metrics.json} and a report directory
     * {@code test_<checkpoint>/} (ROC, score distributions, training curves, report.html).
     * Returns the evaluations by checkpoint name.
     */
    public static Map<String, Evaluation> test(ResolvedConfig cfg, Path runsRoot, PrintWriter console) {
        return test(cfg, runsRoot, console, null);
    }

    /**
     * As {@link #test(ResolvedConfig, Path, PrintWriter)}, on a dataset other than the run's own
     * ({@code --ds_config}): with a {@code tag}, every output name gets {@code _<tag>}
     * ({@code test_<tag>.txt}, {@code test_metrics_<tag>.json}, {@code test_best_<tag>/}) so testing
     * one run on several datasets keeps every report.
     */
    public static Map<String, Evaluation> test(ResolvedConfig cfg, Path runsRoot, PrintWriter console, String tag) {
        return test(cfg, runsRoot, console, tag, cfg.config().device().resolve(cfg.config().localRank()));
    }

    /** As {@link #test(ResolvedConfig, Path, PrintWriter, String)} on {@code device} (resolved). */
    public static Map<String, Evaluation> test(ResolvedConfig cfg, Path runsRoot, PrintWriter console, String tag,
                                               DeviceSpec device) {
        String suffix = tag == null || tag.isEmpty() ? "" : "_" + tag;
        RunDirectory run = RunDirectory.existing(runsRoot, cfg.model().name(), cfg.config().id());
        SplitIndex index = SplitIndexBuilder.forRun(SplitLoaders.cropMode(cfg)).build(cfg.dataset(), Stage.TEST);
        Map<String, Evaluation> results = new LinkedHashMap<>();
        // a run that is still training (or being tested) may not be tested: its checkpoints change
        try (RunLock lock = RunLock.acquire(run.dir(), "test");
             RunObserver log = new RunLogFiles(run.dir().resolve("test" + suffix + ".txt"), null, console);
             Protocol protocol = Protocol.of(cfg, index)) {
            for (BestModelRule rule : protocol.rules()) {
                Path file = run.checkpoint(rule.checkpoint());
                if (!Files.isRegularFile(file)) {
                    if (results.isEmpty()) {
                        throw new UserInputException("run " + run.dir() + " has no " + file.getFileName()
                                + "; it was never validated");
                    }
                    continue;
                }
                UniDefenseModel model = ModelRegistry.create(cfg);
                placeOn(model, device, cfg.config().seed());
                // Loaded values are copied into the model's tensors: map_location = the model's device.
                ModelCheckpoint ckpt = ModelCheckpoint.load(file, model);
                log.line("Loaded " + file.getFileName() + " (selected by " + rule.describe() + ", best step "
                        + ckpt.metadata().get("best_step") + ")");
                Evaluation e = protocol.test(model);
                e.lines().forEach(log::line);
                log.line(MetricTable.render(e.levels()));
                results.put(rule.checkpoint(), e);
                writeReport(run, rule.checkpoint(), suffix, e, cfg);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        results.forEach((k, v) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("threshold", v.threshold());
            entry.put("metrics", v.metrics());
            json.put(k, entry);
        });
        RunFiles.writeJson(run.testMetrics(suffix), json);
        return results;
    }

    /**
     * Moves {@code model} to {@code device}. On a GPU the CUDA generators are seeded as the reference's
     * {@code fixed_randomness} does, although training draws only from the seeded CPU generator.
     */
    static void placeOn(UniDefenseModel model, DeviceSpec device, long seed) {
        if (device.isCpu()) {
            return;
        }
        if (device.isCuda()) {
            cuda_manual_seed_all(seed);
        }
        model.to(device.toTorch(), false);
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** The dataset file the run trained on, from its saved config.yaml. */
    private static java.util.Optional<String> trainedOn(RunDirectory run) {
        try {
            var tree = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                    .readTree(run.config().toFile());
            String f = tree == null ? "" : tree.at("/data/file").asText("");
            return f.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(stem(Path.of(f)));
        } catch (IOException | RuntimeException ex) {
            return java.util.Optional.empty();
        }
    }

    /** The test levels of one checkpoint's evaluation, with the run's training curves, as a report directory. */
    private static void writeReport(RunDirectory run, String checkpoint, String suffix, Evaluation e, ResolvedConfig cfg) {
        // each report names the data it tests on; the training curves name the run and the data it trained on
        String runName = run.dir().getFileName().toString();
        EvaluationReport report = new EvaluationReport(runName + " (" + checkpoint + "): test split of "
                + stem(cfg.datasetFile()));
        e.levels().forEach((name, r) -> {
            if (name.startsWith("test")) {
                report.level(name.substring("test ".length()), r);
            }
        });
        ScoredFrames s = e.samples();
        report.thresholdRule(e.rule()).samples(s.scores(), s.labels(), s.methods().toArray(String[]::new));
        try {
            if (Files.isRegularFile(run.metrics())) {
                RunHistory history = RunHistory.read(run.metrics());
                List<String> losses = history.names().stream().filter(n -> n.endsWith("total_loss")).toList();
                List<String> aucs = history.names().stream().filter(n -> n.endsWith("/AUC")).toList();
                if (!history.isEmpty()) {
                    report.history(history, losses, aucs, "training of run " + runName
                            + trainedOn(run).map(d -> " on " + d + " (train and val splits)").orElse(""));
                }
            }
            report.writeTo(run.dir().resolve("test_" + checkpoint + suffix));
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write the test report of " + checkpoint, ex);
        }
    }
}
