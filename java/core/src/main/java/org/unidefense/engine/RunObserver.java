package org.unidefense.engine;

import org.unidefense.report.ProgressBar;

import java.io.Writer;
import java.util.Map;

/** Receives what a run reports: human-readable lines, metric records and progress. */
public interface RunObserver extends AutoCloseable {
    /** A line for the human log ({@code records.txt}) and the console. */
    void line(String text);

    /**
     * One metric record (a line of {@code metrics.jsonl}); {@code kind} (e.g. {@code train}) prefixes
     * names that have no set prefix of their own (names with a {@code /}, e.g. {@code val/AUC}, keep theirs).
     */
    void metrics(long step, String kind, Map<String, ? extends Number> values);

    /** Drops the metric records of steps after {@code step} (a resumed run redoes them). */
    default void truncateHistory(long step) {
    }

    /** A progress bar over {@code total} steps on the console. */
    ProgressBar progress(String description, long total);

    @Override
    void close();

    RunObserver NONE = new RunObserver() {
        @Override
        public void line(String text) {
        }

        @Override
        public void metrics(long step, String kind, Map<String, ? extends Number> values) {
        }

        @Override
        public ProgressBar progress(String description, long total) {
            return ProgressBar.builder(description, total).output(Writer.nullWriter()).build();
        }

        @Override
        public void close() {
        }
    };
}
