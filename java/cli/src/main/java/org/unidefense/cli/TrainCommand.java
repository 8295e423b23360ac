package org.unidefense.cli;

import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ConfigOverrides;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.distributed.DistEnv;
import org.unidefense.engine.TrainingLoop;
import org.unidefense.engine.Runs;
import org.unidefense.tensor.DeviceSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code unidefense train}: the reference's {@code main.py}. Trains a run into
 * {@code <runs>/<model>/<id>/}, or with {@code --test} evaluates the run's selected models.
 */
@Command(name = "train",
        description = "Train a detector with the FE, OCIM or UE protocol (the reference's main.py); "
                + "with --test, evaluate its selected models instead (as the test command).",
        mixinStandardHelpOptions = true)
public final class TrainCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunOptions run;

    @Mixin
    StageFlags stage;

    @Mixin
    DeviceOption device = new DeviceOption();

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "Directory holding the runs, as <runs>/<model name>/<id> (default: ${DEFAULT-VALUE}).")
    Path runs;

    /** The dataset file's name without extension: names the reports of a test on another dataset. */
    static String datasetTag(ResolvedConfig cfg) {
        String name = cfg.datasetFile().getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    @Override
    public void run() {
        execute(run.overrides(stage.test()), stage.test());
    }

    void execute(ConfigOverrides overrides, boolean test) {
        ResolvedConfig cfg = ConfigLoader.load(run.configFile(), overrides);
        PrintWriter out = spec.commandLine().getOut();
        // Under `unidefense launch` (or torchrun) the environment says which rank this process is.
        DistEnv env = DistEnv.fromSystem(run.localRank);
        // -r N (or LOCAL_RANK under launch) picks the GPU of `auto` and `cuda`, as in the reference.
        DeviceSpec dev = device.orElse(cfg.config().device())
                .resolve(DeviceSpec.localRank(System.getenv(), run.localRank));
        if (test) {
            // The test stage is single-process: under a launcher, rank 0 runs it and the others stop.
            if (env.isWriter()) {
                Runs.test(cfg, runs, out, overrides.dsConfig() == null ? null : datasetTag(cfg), dev);
            }
        } else {
            try (TrainingLoop engine = Runs.openTraining(cfg, runs, out, env, dev)) {
                engine.train();
            }
        }
        out.flush();
    }
}
