package org.unidefense.engine;

import java.util.Map;

/** Receives what a run reports: human-readable lines and metric records. */
public interface RunObserver {
    /** A line for the human log ({@code records.txt}) and the console. */
    void line(String text);

    /** One metric record (a line of {@code metrics.jsonl}); {@code kind} is e.g. {@code train}, {@code val}, {@code test}. */
    void metrics(long step, String kind, Map<String, ?> values);

    RunObserver NONE = new RunObserver() {
        @Override
        public void line(String text) {
        }

        @Override
        public void metrics(long step, String kind, Map<String, ?> values) {
        }
    };
}
