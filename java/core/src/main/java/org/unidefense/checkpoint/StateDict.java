package org.unidefense.checkpoint;

import org.unidefense.UserInputException;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model's {@code state_dict()}: parameter and buffer names in their stored order, each
 * with its tensor. The OrderedDict's {@code _metadata} attribute (per-module versions, which
 * BatchNorm consults for files from before {@code num_batches_tracked}) is kept apart.
 */
public final class StateDict {
    private final Map<String, StoredTensor> tensors;
    private final Object metadata;

    public StateDict(Map<String, StoredTensor> tensors, Object metadata) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.metadata = metadata;
    }

    /** True for a non-empty dict whose keys are strings and whose values are all tensors. */
    public static boolean isStateDict(Object value) {
        if (!(value instanceof Map<?, ?> m) || m.isEmpty()) {
            return false;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String) || !(e.getValue() instanceof StoredTensor)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Views an unpickled value as a state dict; {@code where} names it in messages
     * (e.g. the file and key).
     */
    public static StateDict of(Object value, String where) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new UserInputException(where + ": expected a state dict (a dict of tensors), found "
                    + PythonValues.brief(value));
        }
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw new UserInputException(where + ": state dict key " + PythonValues.brief(e.getKey())
                        + " is not a string");
            }
            if (!(e.getValue() instanceof StoredTensor t)) {
                throw new UserInputException(where + ": state dict entry '" + k + "' is "
                        + PythonValues.brief(e.getValue()) + ", not a tensor");
            }
            out.put(k, t);
        }
        Object meta = value instanceof PyOrderedDict od ? od.metadata().orElse(null) : null;
        return new StateDict(out, meta);
    }

    /** Names and tensors in stored order (unmodifiable). */
    public Map<String, StoredTensor> tensors() {
        return tensors;
    }

    public Set<String> keys() {
        return tensors.keySet();
    }

    public int size() {
        return tensors.size();
    }

    public boolean contains(String key) {
        return tensors.containsKey(key);
    }

    /** The tensor under {@code key}; a missing key is a {@link UserInputException}. */
    public StoredTensor get(String key) {
        StoredTensor t = tensors.get(key);
        if (t == null) {
            throw new UserInputException("state dict has no key '" + key + "'");
        }
        return t;
    }

    /** The {@code _metadata} attribute the writer's OrderedDict carried, if any. */
    public Optional<Object> metadata() {
        return Optional.ofNullable(metadata);
    }

    /** Elements of floating-point tensors: the usual "number of parameters" (buffers included). */
    public long floatingElements() {
        long n = 0;
        for (StoredTensor t : tensors.values()) {
            n += t.dtype().isFloating() ? t.numel() : 0;
        }
        return n;
    }

    /** Elements of integer and bool tensors (e.g. {@code num_batches_tracked}). */
    public long integerElements() {
        long n = 0;
        for (StoredTensor t : tensors.values()) {
            n += t.dtype().isFloating() ? 0 : t.numel();
        }
        return n;
    }

    /** Number of distinct storages behind the tensors (fewer than tensors when views share one). */
    public int distinctStorages() {
        Set<Storage> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (StoredTensor t : tensors.values()) {
            seen.add(t.storage());
        }
        return seen.size();
    }
}
