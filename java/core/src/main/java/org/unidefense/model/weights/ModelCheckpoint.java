package org.unidefense.model.weights;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.UserInputException;
import org.unidefense.checkpoint.LibtorchTensors;
import org.unidefense.checkpoint.PyOrderedDict;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.config.ModelConfig;
import org.unidefense.model.UniDefenseModel;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * This project's model checkpoint: a {@code torch.save} zip file in the same layout as the
 * reference's engines write ({@code {"step": ..., "best_step": ..., "best_auc": ..., "model":
 * state_dict}}), so Python's {@code torch.load} and the reference's test code read it, plus a
 * {@code "unidefense"} entry ({@link CheckpointInfo}) with what this program needs to rebuild and
 * use the model. Reading accepts the reference's own checkpoints and bare state dicts too.
 *
 * <pre>{@code
 * ModelCheckpoint.save(dir.resolve("best_model.bin"), model,
 *         Map.of("step", step, "best_step", bestStep, "best_auc", bestAuc), config, threshold);
 * ModelCheckpoint.load(path, freshModel);   // strict, by key
 * }</pre>
 */
public final class ModelCheckpoint {
    private final ReferenceCheckpoint contents;
    private final CheckpointInfo info;

    private ModelCheckpoint(ReferenceCheckpoint contents, CheckpointInfo info) {
        this.contents = contents;
        this.info = info;
    }

    /** Saves the model's weights with the given top-level entries; no model config or threshold is recorded. */
    public static void save(Path file, UniDefenseModel model, Map<String, ?> metadata) {
        save(file, model, metadata, null, null);
    }

    /**
     * Writes the checkpoint atomically (a crash leaves the previous file in place).
     *
     * @param metadata  top-level entries next to the weights: the reference's {@code step},
     *                  {@code best_step}, {@code best_auc}, ... and anything the trainer adds (e.g. an
     *                  {@code optimizer} entry); values may be numbers, strings, booleans, null, lists,
     *                  maps and libtorch tensors (stored as copies)
     * @param config    the {@code model:} block the model was built from, or null
     * @param threshold the decision threshold to classify with, or null
     */
    public static void save(Path file, UniDefenseModel model, Map<String, ?> metadata, ModelConfig config,
                            Double threshold) {
        Map<String, Object> top = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : metadata.entrySet()) {
            if (e.getKey().equals(ReferenceCheckpoint.MODEL_KEY) || e.getKey().equals(CheckpointInfo.KEY)) {
                throw new IllegalArgumentException("checkpoint entry '" + e.getKey() + "' is written by ModelCheckpoint itself");
            }
            top.put(e.getKey(), PythonData.of(e.getValue()));
        }
        top.put(ReferenceCheckpoint.MODEL_KEY, weightsOf(model));
        Map<String, Object> modelConfig = config == null ? Map.of() : config.toPlain();
        top.put(CheckpointInfo.KEY, new CheckpointInfo(CheckpointInfo.FORMAT, model.architecture(), modelConfig,
                threshold).toPython());
        TorchSaveWriter.write(top, file);
    }

    /** The state dict as PyTorch's {@code state_dict()} returns it: an OrderedDict in module order. */
    private static PyOrderedDict weightsOf(UniDefenseModel model) {
        PyOrderedDict sd = new PyOrderedDict();
        try (PointerScope scope = new PointerScope()) {
            for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
                sd.put(e.getKey(), LibtorchTensors.fromTensor(e.getValue()));
            }
        }
        return sd;
    }

    /** Reads a checkpoint of this project, of the reference's engines, or a bare state dict. */
    public static ModelCheckpoint read(Path file) {
        ReferenceCheckpoint contents = ReferenceCheckpoint.read(file);
        return new ModelCheckpoint(contents, CheckpointInfo.fromEntries(contents.entries(), file).orElse(null));
    }

    /** Reads {@code file} and loads its weights into {@code model} (see {@link #loadInto}). */
    public static ModelCheckpoint load(Path file, UniDefenseModel model) {
        ModelCheckpoint c = read(file);
        c.loadInto(model);
        return c;
    }

    /**
     * Loads the weights by exact key. A checkpoint of this project that names another
     * architecture is refused up front; otherwise key problems are reported together.
     */
    public void loadInto(UniDefenseModel model) {
        if (info != null && !info.architecture().equalsIgnoreCase(model.architecture())) {
            throw new UserInputException(contents.file() + ": a checkpoint of a " + info.architecture()
                    + " model cannot be loaded into " + model.architecture() + " (model.name in the config)");
        }
        contents.loadInto(model);
    }

    /** The weights and the other top-level entries as read. */
    public ReferenceCheckpoint contents() {
        return contents;
    }

    /** This project's entry; empty for files written by the reference or holding only a state dict. */
    public Optional<CheckpointInfo> info() {
        return Optional.ofNullable(info);
    }

    /** Top-level entries other than the weights and this project's entry, e.g. {@code best_step}. */
    public Map<String, Object> metadata() {
        Map<String, Object> m = new LinkedHashMap<>(contents.entries());
        m.remove(CheckpointInfo.KEY);
        return m;
    }
}
