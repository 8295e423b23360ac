package org.unidefense.model.weights;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.UserInputException;
import org.unidefense.checkpoint.LibtorchTensors;
import org.unidefense.checkpoint.StateDict;
import org.unidefense.checkpoint.StoredTensor;
import org.unidefense.checkpoint.TorchSaveFile;
import org.unidefense.model.StateDictLoader;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A model checkpoint as the reference's engines write it ({@code best_model.bin},
 * {@code latest_model.bin}: a dict with {@code "model"} holding the state dict next to entries
 * such as {@code step}, {@code best_step}, {@code best_auc}), or a bare state dict. A
 * {@code module.} prefix on every key (a state dict taken from a DistributedDataParallel wrapper
 * instead of the inner model) is removed.
 */
public final class ReferenceCheckpoint {
    /** The key under which the reference's engines store the model's state dict. */
    public static final String MODEL_KEY = "model";
    /** What DistributedDataParallel puts before every key of the wrapped model. */
    public static final String DDP_PREFIX = "module.";

    private final Path file;
    private final StateDict stateDict;
    private final String stateDictKey;
    private final boolean prefixRemoved;
    private final Map<String, Object> entries;

    private ReferenceCheckpoint(Path file, StateDict stateDict, String stateDictKey, boolean prefixRemoved,
                                Map<String, Object> entries) {
        this.file = file;
        this.stateDict = stateDict;
        this.stateDictKey = stateDictKey;
        this.prefixRemoved = prefixRemoved;
        this.entries = entries;
    }

    /** Reads the file (zip or legacy format); nothing is loaded into a model yet. */
    public static ReferenceCheckpoint read(Path file) {
        TorchSaveFile f = TorchSaveFile.read(file);
        String key = null;
        StateDict sd;
        if (StateDict.isStateDict(f.root())) {
            sd = f.stateDict();
        } else if (f.root() instanceof Map<?, ?> m && m.containsKey(MODEL_KEY)) {
            key = MODEL_KEY;
            sd = f.stateDict(MODEL_KEY);
        } else {
            key = f.stateDictKey().orElse(null);
            sd = f.stateDict();
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        if (key != null) {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) f.root()).entrySet()) {
                if (!key.equals(e.getKey())) {
                    entries.put(String.valueOf(e.getKey()), e.getValue());
                }
            }
        }
        boolean prefixed = !sd.keys().isEmpty() && sd.keys().stream().allMatch(k -> k.startsWith(DDP_PREFIX));
        return new ReferenceCheckpoint(file, prefixed ? withoutPrefix(sd) : sd, key, prefixed,
                Collections.unmodifiableMap(entries));
    }

    private static StateDict withoutPrefix(StateDict sd) {
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, StoredTensor> e : sd.tensors().entrySet()) {
            out.put(e.getKey().substring(DDP_PREFIX.length()), e.getValue());
        }
        return new StateDict(out, sd.metadata().orElse(null));
    }

    /**
     * Copies the weights into {@code model} by exact key, as the reference's
     * {@code load_state_dict(ckpt["model"])} (strict): missing, unexpected and mis-shaped keys are
     * reported together in one {@link UserInputException}, and then nothing is changed.
     */
    public void loadInto(Module model) {
        try (PointerScope scope = new PointerScope()) {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, StoredTensor> e : stateDict.tensors().entrySet()) {
                tensors.put(e.getKey(), LibtorchTensors.toTensor(e.getValue()));
            }
            StateDictLoader.load(model, tensors, "checkpoint " + file + describeSource());
        }
    }

    private String describeSource() {
        String s = stateDictKey == null ? "" : " [" + stateDictKey + "]";
        return prefixRemoved ? s + " (without its '" + DDP_PREFIX + "' prefix)" : s;
    }

    public Path file() {
        return file;
    }

    /** The model weights, keys without a DDP prefix. */
    public StateDict stateDict() {
        return stateDict;
    }

    /** The top-level key holding the weights ({@code model} for the reference's engines), empty for a bare state dict. */
    public Optional<String> stateDictKey() {
        return Optional.ofNullable(stateDictKey);
    }

    /** True when every key carried the {@code module.} prefix, which was removed. */
    public boolean prefixRemoved() {
        return prefixRemoved;
    }

    /** The other top-level entries ({@code step}, {@code best_step}, {@code best_auc}, ...), as read. */
    public Map<String, Object> entries() {
        return entries;
    }

    /** A top-level integer entry such as {@code best_step}. */
    public Optional<Long> longEntry(String key) {
        return entries.get(key) instanceof Long l ? Optional.of(l) : Optional.empty();
    }

    /** A top-level number such as {@code best_auc} (numpy scalars included, as the reader decodes them). */
    public Optional<Double> numberEntry(String key) {
        return entries.get(key) instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }
}
