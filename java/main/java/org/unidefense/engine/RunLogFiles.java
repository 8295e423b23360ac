package org.unidefense.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Appends a run's log lines to {@code records.txt} (and echoes them to the console) and its metric
 * records to {@code metrics.jsonl}, one JSON object per line. Lines are appended and flushed one at
 * a time, so a crash loses at most the line being written and a resumed run continues both files.
 */
public final class RunLogFiles implements RunObserver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path records;
    private final Path metrics;
    private final PrintWriter console;

    public RunLogFiles(Path records, Path metrics, PrintWriter console) {
        this.records = records;
        this.metrics = metrics;
        this.console = console;
    }

    @Override
    public void line(String text) {
        if (console != null) {
            console.println(text);
            console.flush();
        }
        append(records, text);
    }

    @Override
    public void metrics(long step, String kind, Map<String, ?> values) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("step", step);
        record.put("kind", kind);
        values.forEach((k, v) -> record.put(k, v instanceof Double d && !Double.isFinite(d) ? d.toString() : v));
        try {
            append(metrics, JSON.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metric record of step " + step + " is not serialisable", e);
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }
}
