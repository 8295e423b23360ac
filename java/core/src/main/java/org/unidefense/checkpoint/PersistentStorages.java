package org.unidefense.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves the persistent ids a {@code torch.save} pickle uses for storages,
 * {@code ('storage', storage_type, key, location, numel[, view_metadata])}, to one
 * {@link Storage} per key, so tensors naming the same key share it.
 */
final class PersistentStorages {
    /** Supplies a storage's bytes as soon as it is named (zip), or never (legacy: filled later). */
    interface BytesSource {
        void load(Storage storage);
    }

    private final Map<String, Storage> byKey = new LinkedHashMap<>();
    private final BytesSource source;

    PersistentStorages(BytesSource source) {
        this.source = source;
    }

    Map<String, Storage> byKey() {
        return byKey;
    }

    Object resolve(Object pid) {
        if (!(pid instanceof PyTuple t) || t.size() < 5 || t.size() > 6) {
            if (pid instanceof PyTuple t && t.size() > 0 && "module".equals(t.get(0))) {
                throw new PickleException("the file holds a whole pickled nn.Module (torch.save(model)), "
                        + "whose Python code cannot be loaded here; save model.state_dict() instead");
            }
            throw new PickleException("unexpected persistent id " + AllowedGlobals.describe(pid));
        }
        if (!"storage".equals(t.get(0))) {
            throw new PickleException("unexpected persistent id kind " + t.get(0));
        }
        if (!(t.get(1) instanceof AllowedGlobals.StorageType type)) {
            throw new PickleException("persistent id names no storage type: " + AllowedGlobals.describe(t.get(1)));
        }
        String key = String.valueOf(t.get(2));
        long numel = AllowedGlobals.integer(t.get(4));
        Storage storage = byKey.get(key);
        if (storage == null) {
            try {
                storage = new Storage(key, type.dtype(), numel, String.valueOf(t.get(3)));
            } catch (IllegalArgumentException e) {
                throw new PickleException(e.getMessage(), e);
            }
            byKey.put(key, storage);
            source.load(storage);
        } else if (storage.dtype() != type.dtype()) {
            throw new PickleException("storage " + key + " is named as both " + storage.dtype() + " and "
                    + type.dtype());
        }
        Object view = t.size() == 6 ? t.get(5) : null;
        if (view == null) {
            return storage;
        }
        // Legacy storage views (PyTorch < 0.4): (view_key, offset, size) into the root storage.
        if (!(view instanceof PyTuple v) || v.size() != 3) {
            throw new PickleException("bad storage view " + AllowedGlobals.describe(view));
        }
        return new AllowedGlobals.StorageView(storage, AllowedGlobals.integer(v.get(1)));
    }
}
