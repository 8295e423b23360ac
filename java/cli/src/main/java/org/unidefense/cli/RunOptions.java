package org.unidefense.cli;

import org.unidefense.config.ConfigOverrides;
import org.unidefense.config.Engine;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The reference's training/testing flags (its main.py), shared by every command that runs from a
 * model file: {@code --config}, {@code --engine}, {@code -r/--local_rank}, {@code --exp_id} and
 * {@code --ds_config}. Its stage flags {@code --test} and {@code --offline} are in {@link StageFlags},
 * mixed in only where they mean something ({@code test} is always the test stage).
 */
public final class RunOptions {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Model configuration file (model:, config:, data: blocks).")
    Path config;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "Protocol: ${COMPLETION-CANDIDATES} (forgery, OCIM anti-spoofing, UniAttack). "
                    + "Default: inferred from the dataset file.")
    Engine engine;

    @Option(names = {"-r", "--local_rank"}, paramLabel = "RANK", defaultValue = "0",
            description = "Local rank, as in the reference: selects the GPU (cuda:RANK) when the device is auto or "
                    + "cuda, and the process rank for distributed training when the environment gives none "
                    + "(default: ${DEFAULT-VALUE}).")
    int localRank;

    @Option(names = "--exp_id", paramLabel = "ID", description = "Replace config.id (the run directory name).")
    String expId;

    @Option(names = "--ds_config", paramLabel = "FILE", description = "Replace data.file (the dataset file).")
    String dsConfig;

    public Path configFile() {
        return config;
    }

    /** The overrides these flags express for the given stage, for {@link org.unidefense.config.ConfigLoader}. */
    public ConfigOverrides overrides(boolean test) {
        return new ConfigOverrides(engine, localRank, expId, dsConfig, test);
    }
}
