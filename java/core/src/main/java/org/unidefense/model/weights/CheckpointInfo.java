package org.unidefense.model.weights;

import org.unidefense.UserInputException;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What this project adds to a checkpoint under the top-level key {@code "unidefense"}, next to
 * the reference's entries: the layout version, the architecture, the {@code model:} block the
 * model was built from, and the decision threshold chosen on validation data (if any).
 *
 * @param format       layout version of the checkpoint ({@link #FORMAT})
 * @param architecture UDR18, UDR50 or UDEB4
 * @param modelConfig  the {@code model:} block with YAML key names, empty when unknown
 * @param threshold    the score threshold to classify with, null when none was chosen
 */
public record CheckpointInfo(int format, String architecture, Map<String, Object> modelConfig, Double threshold) {
    /** The top-level key of this entry. */
    public static final String KEY = "unidefense";
    /** The layout version this code writes and reads. */
    public static final int FORMAT = 1;

    public CheckpointInfo {
        modelConfig = Collections.unmodifiableMap(new LinkedHashMap<>(modelConfig));
    }

    /** The entry as Python values (a dict), for the writer. */
    Map<String, Object> toPython() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", (long) format);
        m.put("architecture", architecture);
        m.put("model_config", new LinkedHashMap<>(modelConfig));
        m.put("threshold", threshold);
        return m;
    }

    /** Reads the entry of a checkpoint's top-level dict, if there is one. */
    static Optional<CheckpointInfo> fromEntries(Map<String, Object> entries, Path file) {
        Object v = entries.get(KEY);
        if (v == null) {
            return Optional.empty();
        }
        String where = file + " [" + KEY + "]";
        if (!(v instanceof Map<?, ?> m)) {
            throw new UserInputException(where + ": expected a dict, found " + v.getClass().getSimpleName());
        }
        if (!(m.get("format") instanceof Long format)) {
            throw new UserInputException(where + ": has no integer 'format'");
        }
        if (format > FORMAT) {
            throw new UserInputException(where + ": checkpoint layout version " + format
                    + " was written by a newer version of this program (this one reads up to " + FORMAT + ")");
        }
        if (!(m.get("architecture") instanceof String arch)) {
            throw new UserInputException(where + ": has no 'architecture' name");
        }
        Map<String, Object> config = new LinkedHashMap<>();
        if (m.get("model_config") instanceof Map<?, ?> c) {
            c.forEach((k, val) -> config.put(String.valueOf(k), val));
        }
        Double threshold = m.get("threshold") instanceof Number n ? n.doubleValue() : null;
        return Optional.of(new CheckpointInfo(format.intValue(), arch, config, threshold));
    }
}
