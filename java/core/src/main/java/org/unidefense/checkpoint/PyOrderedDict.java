package org.unidefense.checkpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Python {@code collections.OrderedDict}. Its entries are the map; instance attributes set
 * on it (a module's {@code state_dict()} carries {@code _metadata} with each submodule's
 * version) are kept apart, so they never show up as state-dict keys.
 */
public final class PyOrderedDict extends LinkedHashMap<Object, Object> {
    private static final long serialVersionUID = 1L;
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    /** Instance attributes (Python's {@code vars(od)}), in the order they were set. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** The {@code _metadata} attribute of a module state dict, if the writer kept one. */
    public Optional<Object> metadata() {
        return Optional.ofNullable(attributes.get("_metadata"));
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o) && (!(o instanceof PyOrderedDict other) || attributes.equals(other.attributes));
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
