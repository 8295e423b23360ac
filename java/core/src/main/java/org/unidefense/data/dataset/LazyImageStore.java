package org.unidefense.data.dataset;

import org.unidefense.data.ImageStore;

import java.util.function.Supplier;

/** A store opened on first use. */
final class LazyImageStore implements ImageStore {
    private final String description;
    private final Supplier<ImageStore> open;
    private volatile ImageStore store;

    LazyImageStore(String description, Supplier<ImageStore> open) {
        this.description = description;
        this.open = open;
    }

    private ImageStore store() {
        ImageStore s = store;
        if (s == null) {
            synchronized (this) {
                if (store == null) {
                    store = open.get();
                }
                s = store;
            }
        }
        return s;
    }

    @Override
    public byte[] read(String key) {
        return store().read(key);
    }

    @Override
    public boolean contains(String key) {
        return store().contains(key);
    }

    @Override
    public String describe() {
        return description;
    }
}
