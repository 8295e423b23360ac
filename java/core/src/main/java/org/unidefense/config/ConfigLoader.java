package org.unidefense.config;

import org.unidefense.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a model file in the reference's YAML schema ({@code model:}, {@code config:}, {@code data:}),
 * follows {@code data.file} to the dataset file, applies the command-line overrides the way the
 * reference's main.py does, and checks every value it can before any work starts.
 *
 * <p>Relative dataset paths are looked up first in the working directory (as the reference does),
 * then next to the model file and in each directory above it, so that both
 * {@code config_template/ocim/data_c.yml} and {@code data_c.yml} work from anywhere inside a checkout.
 *
 * <p>RECCE's model and dataset files (dataset branches such as {@code train_cfg}) are read too,
 * through {@link RecceSchema}.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** Loads with no overrides (inferred engine, training stage). */
    public static ResolvedConfig load(Path modelYaml) {
        return load(modelYaml, ConfigOverrides.none());
    }

    /**
     * Loads and validates a model file and its dataset file.
     *
     * @throws UserInputException naming file, line and key for malformed YAML, wrong types, missing
     *                            required keys, a missing dataset file or an engine that cannot read the file
     */
    public static ResolvedConfig load(Path modelYaml, ConfigOverrides overrides) {
        ConfigWarnings warnings = new ConfigWarnings();
        Section top = new Section(YamlTreeReader.readMapping(modelYaml, warnings::add), warnings);
        // main.py stores the model file's path here; a copy left in a saved config is harmless.
        top.know("cfg_path");
        Section modelSec = top.requiredSection("model");
        Section configSec = top.requiredSection("config");
        Section dataSec = top.requiredSection("data");
        top.finish();
        boolean test = overrides.test();
        ModelConfig model = ModelConfig.read(modelSec);

        Path datasetFile = locateDatasetFile(modelYaml, dataSec, overrides.dsConfig());
        YamlNode.Mapping datasetMap = YamlTreeReader.readMapping(datasetFile, warnings::add);
        if (RecceSchema.applies(dataSec)) {
            // RECCE's own files (config/Recce.yml, config/dataset/*.yml): rewritten into this schema first
            datasetMap = RecceSchema.datasetFile(datasetMap, dataSec, test);
            configSec = new Section(RecceSchema.configBlock(configSec, model), warnings);
            dataSec = new Section(RecceSchema.dataBlock(dataSec), warnings);
        }
        Section datasetSec = new Section(datasetMap, warnings);
        Engine engine = chooseEngine(datasetSec, overrides.engine());

        TrainConfig config = TrainConfig.read(configSec, engine, overrides.localRank(), overrides.expId(), test);
        DataConfig data = DataConfig.read(dataSec, overrides.dsConfig(), datasetFile, engine, test);
        DatasetConfig dataset = switch (engine) {
            case FE -> ForgeryDatasetConfig.read(datasetSec, test);
            case OCIM -> OcimDatasetConfig.read(datasetSec, test);
            case UE -> UniAttackDatasetConfig.read(datasetSec, test, config.useDomainLabel());
        };
        return new ResolvedConfig(modelYaml, datasetFile, engine, test, model, config, data, dataset,
                warnings.toList());
    }

    private static Engine chooseEngine(Section dataset, Engine requested) {
        Engine fileEngine = DatasetConfig.engineOf(dataset.mapping());
        if (requested != null && fileEngine != null && requested != fileEngine) {
            throw new UserInputException(dataset.mapping().file() + ": this dataset file is read by engine "
                    + fileEngine + ", but --engine " + requested + " was given");
        }
        if (requested != null) {
            return requested;
        }
        if (fileEngine == null) {
            boolean branches = dataset.mapping().entries().values().stream()
                    .anyMatch(v -> v instanceof YamlNode.Mapping m && m.entries().containsKey("split"));
            throw new UserInputException(dataset.mapping().file() + ": cannot tell which engine reads this dataset "
                    + "file (its 'name' is not one of FFpp, CDF, WDF, DFDC, UniAttack, OCIM); pass --engine FE|OCIM|UE"
                    + (branches ? ". It looks like a RECCE dataset file (branches with a 'split'): use it from a RECCE "
                    + "model file, whose data block has name and train_branch / val_branch / test_branch" : ""));
        }
        return fileEngine;
    }

    private static Path locateDatasetFile(Path modelYaml, Section dataSec, String override) {
        if (override != null) {
            dataSec.know("file");
            return find(override, modelYaml).orElseThrow(() -> new UserInputException("--ds_config: dataset file '"
                    + override + "' not found" + searched(modelYaml)));
        }
        String file = dataSec.requiredString("file");
        return find(file, modelYaml).orElseThrow(() -> dataSec.invalid("file", "dataset file '" + file
                + "' not found" + searched(modelYaml)));
    }

    private static String searched(Path modelYaml) {
        return " in the working directory, next to " + modelYaml + ", or in a directory above it";
    }

    private static java.util.Optional<Path> find(String file, Path modelYaml) {
        return candidates(file, modelYaml).stream().filter(Files::isRegularFile).findFirst();
    }

    /** Where a relative dataset path may be: working directory, model file directory and its ancestors. */
    static List<Path> candidates(String file, Path modelYaml) {
        Path p = Path.of(file);
        if (p.isAbsolute()) {
            return List.of(p);
        }
        Set<Path> out = new LinkedHashSet<>();
        out.add(p.normalize());
        for (Path dir = modelYaml.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            out.add(dir.resolve(p).normalize());
        }
        return new ArrayList<>(out);
    }
}
