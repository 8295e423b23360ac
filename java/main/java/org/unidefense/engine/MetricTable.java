package org.unidefense.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A plain-text table of metrics: one row per metric, one column per evaluated checkpoint. */
final class MetricTable {
    private MetricTable() {
    }

    static void print(Map<String, Evaluation> results, RunObserver log) {
        Set<String> keys = new LinkedHashSet<>();
        results.values().forEach(e -> keys.addAll(e.metrics().keySet()));
        int width = keys.stream().mapToInt(String::length).max().orElse(6);
        List<String> names = new ArrayList<>(results.keySet());
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", "metric"));
        names.forEach(n -> header.append(String.format(Locale.ROOT, " %12s", n)));
        log.line(header.toString());
        for (String k : keys) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", k));
            for (String n : names) {
                Double v = results.get(n).metrics().get(k);
                row.append(v == null ? String.format(Locale.ROOT, " %12s", "-")
                        : String.format(Locale.ROOT, " %12.4f", v));
            }
            log.line(row.toString());
        }
    }
}
