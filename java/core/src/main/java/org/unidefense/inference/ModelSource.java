package org.unidefense.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.unidefense.UserInputException;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ConfigOverrides;
import org.unidefense.config.FaceMargin;
import org.unidefense.config.ModelConfig;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.config.CropMode;
import org.unidefense.data.loader.SplitLoaders;
import org.unidefense.data.transform.TransformPipeline;
import org.unidefense.model.weights.CheckpointInfo;
import org.unidefense.model.weights.ModelCheckpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything needed to rebuild a trained detector from what the user points at: the checkpoint
 * file (a run folder means its {@code best_val.pt} where it has one, else its {@code best.pt}; see
 * {@link #checkpointFile(Path, CheckpointSelection)}), the model config (stored in this project's
 * checkpoints, else from the model file), the test split's preprocessing (from the model file, or
 * from the {@code config.yaml} a run saved next to its checkpoints) and the decision threshold.
 *
 * @param checkpointFile the file the weights come from
 * @param checkpoint     its contents
 * @param model          the model config to build
 * @param preprocessing  crop margin and test transforms
 * @param threshold      the decision threshold on P(real)
 * @param notes          choices made for the user (which checkpoint of a run, threshold or margin defaults),
 *                       one line each
 */
public record ModelSource(Path checkpointFile, ModelCheckpoint checkpoint, ModelConfig model,
                          Preprocessing preprocessing, double threshold, List<String> notes) {
    /**
     * The checkpoint a run folder stands for when it has no {@code best_val.pt}: the engine's best
     * model (selected on validation by the FE and OCIM engines, on test ACER by UniAttack's).
     */
    public static final String RUN_CHECKPOINT = "best.pt";
    /** A run saves its resolved configuration under this name. */
    public static final String RUN_CONFIG = "config.yaml";
    /** Threshold when the checkpoint stores none (the forgery engine's fixed threshold). */
    public static final double DEFAULT_THRESHOLD = 0.5;
    /**
     * Margin when the model was trained on stored face crops ({@code crop: nocrop}): the
     * reference's default test margin of its cropping engine.
     */
    public static final double DEFAULT_MARGIN = 0.3;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * @param checkpointOrRun a checkpoint file or a run folder {@code runs/<model>/<id>}
     * @param modelFile       the model YAML (with {@code data.file}), or null to use what the checkpoint and its
     *                        run folder hold
     * @param marginOverride  a face margin that replaces the configured one, or null
     */
    public static ModelSource resolve(Path checkpointOrRun, Path modelFile, Double marginOverride) {
        return resolve(checkpointOrRun, null, modelFile, marginOverride);
    }

    /**
     * As {@link #resolve(Path, Path, Double)}, with the checkpoint of a run folder chosen by
     * {@code select} (null: the default of {@link #checkpointFile(Path, CheckpointSelection)}).
     */
    public static ModelSource resolve(Path checkpointOrRun, CheckpointSelection select, Path modelFile,
                                      Double marginOverride) {
        List<String> notes = new ArrayList<>();
        Path file = checkpointFile(checkpointOrRun, select, notes);
        ModelCheckpoint ckpt = ModelCheckpoint.read(file);
        ModelConfig model;
        Settings settings;
        if (modelFile != null) {
            ResolvedConfig cfg = ConfigLoader.load(modelFile, ConfigOverrides.none().withTest(true));
            model = cfg.model();
            settings = fromResolved(cfg, modelFile);
        } else {
            Path runConfig = file.toAbsolutePath().getParent().resolve(RUN_CONFIG);
            if (!Files.isRegularFile(runConfig)) {
                throw new UserInputException(file + ": cannot tell the test transforms the model expects (no "
                        + RUN_CONFIG + " next to it); give the model file it was trained with: --config MODEL_YAML");
            }
            Map<String, Object> saved = readYaml(runConfig);
            model = ckpt.info().filter(i -> !i.modelConfig().isEmpty())
                    .map(i -> ModelConfig.fromStored(i.modelConfig(), file.toString()))
                    .orElseGet(() -> ModelConfig.fromStored(section(saved, "model", runConfig), runConfig + " [model]"));
            settings = fromSaved(saved, runConfig);
        }
        double margin = settings.margin;
        if (marginOverride != null) {
            margin = marginOverride;
            notes.add("face margin " + margin + " (--margin)");
        } else if (settings.marginNote != null) {
            notes.add(settings.marginNote);
        }
        Double stored = ckpt.info().map(CheckpointInfo::threshold).orElse(null);
        if (stored == null && ckpt.metadata().get("threshold") instanceof Number n && !Double.isNaN(n.doubleValue())) {
            stored = n.doubleValue();
        }
        double threshold;
        if (stored == null) {
            threshold = DEFAULT_THRESHOLD;
            notes.add("the checkpoint stores no decision threshold; using " + DEFAULT_THRESHOLD);
        } else {
            threshold = stored;
        }
        Preprocessing pre = new Preprocessing(settings.transforms, margin, settings.where);
        return new ModelSource(file, ckpt, model, pre, threshold, List.copyOf(notes));
    }

    /** {@code path} itself, or the default checkpoint inside a run folder. */
    public static Path checkpointFile(Path checkpointOrRun) {
        return checkpointFile(checkpointOrRun, null);
    }

    /**
     * {@code path} itself when it is a file; inside a run folder the selected checkpoint, by default
     * {@code best_val.pt} when the run has one (UniAttack runs: selected on validation, while their
     * {@code best.pt} is selected on test ACER as in the reference) and {@code best.pt} otherwise.
     */
    public static Path checkpointFile(Path checkpointOrRun, CheckpointSelection select) {
        return checkpointFile(checkpointOrRun, select, new ArrayList<>());
    }

    private static Path checkpointFile(Path checkpointOrRun, CheckpointSelection select, List<String> notes) {
        if (Files.isDirectory(checkpointOrRun)) {
            CheckpointSelection chosen = select;
            if (chosen == null) {
                chosen = Files.isRegularFile(checkpointOrRun.resolve(CheckpointSelection.BEST_VAL.fileName()))
                        ? CheckpointSelection.BEST_VAL : CheckpointSelection.BEST;
            }
            Path file = checkpointOrRun.resolve(chosen.fileName());
            if (!Files.isRegularFile(file)) {
                boolean latest = Files.isRegularFile(checkpointOrRun.resolve(CheckpointSelection.LATEST.fileName()));
                throw new UserInputException("--checkpoint " + checkpointOrRun + ": a folder, but it holds no "
                        + chosen.fileName() + (select == null
                        ? " (expected a run folder runs/<model>/<id> whose training was validated"
                                + (latest ? "; --select latest loads its last step" : "") + ")"
                        : " (--select " + chosen.label() + ")"));
            }
            notes.add("checkpoint " + file + ": " + chosen.meaning() + (select != null ? " (--select " + chosen.label() + ")"
                    : chosen == CheckpointSelection.BEST_VAL ? " (default where a run has one; --select best for the "
                            + "reference's test-ACER choice)" : " (the run keeps no best_val.pt)"));
            return file;
        }
        if (!Files.isRegularFile(checkpointOrRun)) {
            throw new UserInputException("--checkpoint " + checkpointOrRun + ": no such file or folder");
        }
        if (select != null) {
            throw new UserInputException("--select " + select.label() + " chooses among a run folder's checkpoints, but --checkpoint "
                    + checkpointOrRun + " is a file (give the run folder, or the file you want)");
        }
        return checkpointOrRun;
    }

    /** How the test split of a resolved config is cropped and transformed. */
    private static Settings fromResolved(ResolvedConfig cfg, Path modelFile) {
        List<Map<String, Object>> specs = SplitLoaders.asMaps(cfg.dataset().common().transformsOf("test"));
        if (specs.isEmpty()) {
            throw new UserInputException("dataset file " + cfg.datasetFile() + " has no test_transforms; the "
                    + "detector needs them to prepare faces as in testing");
        }
        TransformPipeline pipeline = TransformPipeline.fromSpecs("test_transforms", specs);
        boolean crops = SplitLoaders.cropMode(cfg) == CropMode.FOUR_POINT;
        FaceMargin m = SplitLoaders.margin(cfg, SplitLoaders.Role.TEST);
        return settings(pipeline, crops ? m : null, modelFile + " (test_transforms of " + cfg.datasetFile() + ")");
    }

    /** The same from a run's saved {@code config.yaml} (plain groups model/config/data/dataset). */
    private static Settings fromSaved(Map<String, Object> saved, Path file) {
        Map<String, Object> dataset = section(saved, "dataset", file);
        if (!(dataset.get("test_transforms") instanceof List<?> list) || list.isEmpty()) {
            throw new UserInputException(file + ": [dataset] has no test_transforms; give the model file with --config");
        }
        List<Map<String, Object>> specs = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> t)) {
                throw new UserInputException(file + ": [dataset.test_transforms] expected {name, params} entries, found "
                        + o);
            }
            @SuppressWarnings("unchecked") Map<String, Object> spec = (Map<String, Object>) t;
            specs.add(spec);
        }
        TransformPipeline pipeline = TransformPipeline.fromSpecs(file + " [dataset.test_transforms]", specs);
        Map<String, Object> config = section(saved, "config", file);
        FaceMargin margin = null;
        if ("4p".equals(config.get("crop"))) {
            Object m = config.containsKey("test_margin") ? config.get("test_margin") : config.get("margin");
            margin = marginOf(m, file);
        }
        return settings(pipeline, margin, file.toString());
    }

    private static Settings settings(TransformPipeline pipeline, FaceMargin trained, String where) {
        if (trained == null) {
            return new Settings(pipeline, DEFAULT_MARGIN, "the model was trained on stored face crops (crop: nocrop); "
                    + "cropping detected faces with margin " + DEFAULT_MARGIN + " (change with --margin)", where);
        }
        if (trained.fixed()) {
            return new Settings(pipeline, trained.low(), null, where);
        }
        // randint(int(low*10), int(high*10)) / 10 draws evenly from these values; take their mean.
        int lo = (int) (trained.low() * 10);
        int hi = (int) (trained.high() * 10);
        double mean = (lo + hi - 1) / 20.0;
        return new Settings(pipeline, mean, String.format(Locale.ROOT, "test margin is a range %s; using its mean %.2f",
                trained.toPlain(), mean), where);
    }

    private static FaceMargin marginOf(Object m, Path file) {
        if (m instanceof Number n) {
            return FaceMargin.fixed(n.doubleValue());
        }
        if (m instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
            return FaceMargin.range(a.doubleValue(), b.doubleValue());
        }
        throw new UserInputException(file + ": [config] crop is 4p but the test margin is " + m
                + "; expected a number or [low, high]");
    }

    private static Map<String, Object> readYaml(Path file) {
        try {
            Object o = YAML.readValue(file.toFile(), Object.class);
            if (!(o instanceof Map<?, ?>)) {
                throw new UserInputException(file + ": expected a mapping of model/config/data/dataset");
            }
            @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) o;
            return m;
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read as YAML (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, Object> section(Map<String, Object> top, String key, Path file) {
        if (!(top.get(key) instanceof Map<?, ?> m)) {
            throw new UserInputException(file + ": has no '" + key + "' group (is it a run's " + RUN_CONFIG + "?)");
        }
        @SuppressWarnings("unchecked") Map<String, Object> s = (Map<String, Object>) m;
        return s;
    }

    private record Settings(TransformPipeline transforms, double margin, String marginNote, String where) {
    }
}
