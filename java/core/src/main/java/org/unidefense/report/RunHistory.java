package org.unidefense.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of a {@link RunLog} file, for loss curves and for resuming. Lines that are not a
 * JSON object with a numeric {@code step} (typically the last line, torn by a crash mid-write) are
 * skipped with a warning naming the file and line; {@link #skipped()} lists them.
 */
public final class RunHistory {
    private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One line of the log: its step, its time and its scalars by name. */
    public record Entry(long step, double time, Map<String, Double> values) {
        public Entry {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /** A scalar's values over the steps that logged it. */
    public record Series(String name, double[] steps, double[] values) {
    }

    private final List<Entry> entries;
    private final List<String> skipped;

    public RunHistory(List<Entry> entries, List<String> skipped) {
        this.entries = List.copyOf(entries);
        this.skipped = List.copyOf(skipped);
    }

    /** Reads a log; a missing file is an empty history (a run that has not logged yet). */
    public static RunHistory read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (!Files.exists(file)) {
            return new RunHistory(entries, skipped);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String problem;
            try {
                Entry e = parse(JSON.readTree(line));
                if (e != null) {
                    entries.add(e);
                    continue;
                }
                problem = "not an object with a numeric '" + RunLog.STEP + "'";
            } catch (JsonProcessingException ex) {
                problem = i == lines.size() - 1 ? "truncated (a crash while writing?)" : "not valid JSON";
            }
            String message = file.getFileName() + " line " + (i + 1) + ": " + problem + "; skipped";
            LOG.warn(message);
            skipped.add(message);
        }
        return new RunHistory(entries, skipped);
    }

    private static Entry parse(JsonNode node) {
        if (node == null || !node.isObject() || !node.path(RunLog.STEP).isNumber()) {
            return null;
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            if (name.equals(RunLog.STEP) || name.equals(RunLog.TIME)) {
                continue;
            }
            Double v = number(f.getValue());
            if (v != null) {
                values.put(name, v);
            }
        }
        Double time = number(node.path(RunLog.TIME));
        return new Entry(node.get(RunLog.STEP).asLong(), time == null ? Double.NaN : time, values);
    }

    private static Double number(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            switch (v.asText()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: return null;
            }
        }
        return null;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Messages for the lines that were skipped. */
    public List<String> skipped() {
        return skipped;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The largest step logged, or -1 for an empty log: where a resumed run continues. */
    public long lastStep() {
        return entries.stream().mapToLong(Entry::step).max().orElse(-1);
    }

    /** The time of the last line, or 0 for an empty log. */
    public double lastTime() {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (Double.isFinite(entries.get(i).time())) {
                return entries.get(i).time();
            }
        }
        return 0;
    }

    /** Every scalar name, in order of first appearance. */
    public Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        entries.forEach(e -> names.addAll(e.values().keySet()));
        return names;
    }

    /** The values of {@code name} against step, from the lines that have it (possibly none). */
    public Series series(String name) {
        List<Entry> with = entries.stream().filter(e -> e.values().containsKey(name)).toList();
        double[] steps = new double[with.size()];
        double[] values = new double[with.size()];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = with.get(i).step();
            values[i] = with.get(i).values().get(name);
        }
        return new Series(name, steps, values);
    }
}
