package org.unidefense.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.report.ProgressBar;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's console lines and its progress bars go to different streams ({@code train | tee log}). */
class RunLogFilesConsoleTest {
    @TempDir
    Path dir;

    @Test
    void progressNeverReachesTheConsoleOrTheRecords() throws Exception {
        StringWriter console = new StringWriter();
        StringWriter progress = new StringWriter();
        Path records = dir.resolve("records.txt");
        try (RunLogFiles log = new RunLogFiles(records, null, new PrintWriter(console), progress)) {
            try (ProgressBar bar = log.progress("train", 4)) {
                bar.step(2);
                log.line("step 2: loss 0.5");
                bar.step(2);
            }
            log.line("done");
        }
        assertEquals("step 2: loss 0.5" + System.lineSeparator() + "done" + System.lineSeparator(), console.toString());
        assertEquals(List.of("step 2: loss 0.5", "done"), Files.readAllLines(records));
        assertFalse(console.toString().contains("\r"), "no carriage return on standard output");
        assertTrue(progress.toString().contains("train 4/4 100.0%"), progress.toString());
    }

    @Test
    void withoutAConsoleThereIsNoProgressEither() throws Exception {
        Path records = dir.resolve("records.txt");
        try (RunLogFiles log = new RunLogFiles(records, null, null, null);
             ProgressBar bar = log.progress("train", 2)) {
            bar.step(2);
            log.line("only in the records");
        }
        assertEquals(List.of("only in the records"), Files.readAllLines(records));
    }
}
