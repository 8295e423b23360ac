package org.unidefense.engine;

import org.unidefense.report.ProgressBar;
import org.unidefense.report.RunLog;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's logs: lines appended to {@code records.txt} (and echoed to the console), metric records
 * through {@link RunLog} into {@code metrics.jsonl}, progress bars on standard error (not on the
 * console, which is standard output: {@code train | tee log} keeps a clean log). A line printed
 * while a bar is shown on a terminal first clears the bar; the bar is drawn again, below the line,
 * at the next step.
 * Every line is flushed as it is written, so a crash loses at most one line and a resumed run
 * continues the files.
 */
public final class RunLogFiles implements RunObserver {
    private final Path records;
    private final Path metricsFile;
    private final RunLog metrics;
    private final PrintWriter console;
    private final Writer progressOut;
    /** The last bar handed out; cleared around console lines while it is open. */
    private ProgressBar shownBar;

    /**
     * @param metricsFile {@code metrics.jsonl}, or null to keep no metric records
     * @param console where lines are echoed, or null for none (then no progress bars either)
     */
    public RunLogFiles(Path records, Path metricsFile, PrintWriter console) {
        this(records, metricsFile, console, null);
    }

    /** As above, with progress bars written to {@code progressOut} (null: standard error). */
    public RunLogFiles(Path records, Path metricsFile, PrintWriter console, Writer progressOut) {
        this.records = records;
        this.console = console;
        this.progressOut = progressOut;
        this.metricsFile = metricsFile;
        try {
            this.metrics = metricsFile == null ? null : RunLog.open(metricsFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + metricsFile, e);
        }
    }

    @Override
    public void line(String text) {
        if (console != null) {
            if (shownBar != null) {
                // the bar returns with the next step, not at once: through a pipe (train | tee log)
                // the line reaches the terminal after a bar redrawn now, and would land on it
                shownBar.clear();
            }
            console.println(text);
            console.flush();
        }
        try {
            Files.writeString(records, text + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + records, e);
        }
    }

    @Override
    public void metrics(long step, String kind, Map<String, ? extends Number> values) {
        if (metrics == null) {
            return;
        }
        Map<String, Number> named = new LinkedHashMap<>();
        values.forEach((k, v) -> named.put(k.contains("/") ? k : kind + "/" + k, v));
        metrics.log(step, named);
    }

    @Override
    public void truncateHistory(long step) {
        if (metrics == null) {
            return;
        }
        try {
            // in place: the open log appends to the same file, at its new end
            RunLog.truncateAfter(metricsFile, step);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate " + metricsFile + " to step " + step, e);
        }
    }

    @Override
    public ProgressBar progress(String description, long total) {
        ProgressBar.Builder b = ProgressBar.builder(description, total);
        if (console == null) {
            b.output(Writer.nullWriter());
        } else if (progressOut != null) {
            b.output(progressOut);
        }
        shownBar = b.build();
        return shownBar;
    }

    @Override
    public void close() {
        if (metrics != null) {
            try {
                metrics.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the metric log", e);
            }
        }
    }
}
