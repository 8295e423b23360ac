package org.unidefense.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private final AtomicLong nanos = new AtomicLong();
    private final StringWriter out = new StringWriter();

    private void at(double seconds) {
        nanos.set(Math.round(seconds * 1e9));
    }

    private static Map<String, Number> values(Object... kv) {
        Map<String, Number> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Number) kv[i + 1]);
        }
        return m;
    }

    @Test
    void logModePrintsAtPercentStepsAndAfterQuietSeconds() {
        ProgressBar bar = ProgressBar.builder("train", 100).output(out).interactive(false)
                .clock(nanos::get).logEveryPercent(25).logEverySeconds(60).build();
        at(10);
        bar.update(25, values("loss", 0.41234, "cls", 0.301));
        at(20);
        bar.update(30, values("loss", 0.5)); // same 25% bucket, 10 s since the last line: silent
        at(80);
        bar.stepTo(40); // 60 s without a line
        at(100);
        bar.stepTo(100);
        at(101);
        bar.close(); // nothing new since the last line
        assertEquals("train  25/100  25.0% | 2.50 it/s | elapsed 00:10 eta 00:30 | loss=0.4123 cls=0.301\n"
                + "train  40/100  40.0% | 2.00 s/it | elapsed 01:20 eta 02:00 | loss=0.5 cls=0.301\n"
                + "train 100/100 100.0% | 1.00 it/s | elapsed 01:40 eta 00:00 | loss=0.5 cls=0.301\n",
                out.toString());
    }

    @Test
    void closePrintsTheFinalLineWhenSomethingChangedSinceTheLastOne() {
        ProgressBar bar = ProgressBar.builder("eval", 10).output(out).interactive(false)
                .clock(nanos::get).logEveryPercent(50).logEverySeconds(0).build();
        at(4);
        bar.step(5);
        at(6);
        bar.step(2);
        bar.close();
        bar.close();
        assertEquals("eval  5/10  50.0% | 1.25 it/s | elapsed 00:04 eta 00:04\n"
                + "eval  7/10  70.0% | 1.17 it/s | elapsed 00:06 eta 00:02\n", out.toString());
    }

    @Test
    void terminalModeRedrawsOneLineThrottledAndWipesALongerPreviousLine() {
        ProgressBar bar = ProgressBar.builder("val", 4).output(out).interactive(true)
                .clock(nanos::get).barWidth(8).redrawEverySeconds(0.1).build();
        at(0.5);
        bar.step();
        at(0.55);
        bar.step(); // 50 ms after the last redraw: skipped
        at(1.0);
        bar.set("acc", 0.7512);
        bar.step();
        at(2.0);
        bar.set("acc", 1);
        bar.step(); // the last step is always drawn
        at(2.5);
        bar.close();
        assertEquals("\rval [##------] 1/4  25.0% | 2.00 it/s | elapsed 00:00 eta 00:01"
                + "\rval [######--] 3/4  75.0% | 3.00 it/s | elapsed 00:01 eta 00:00 | acc=0.7512"
                + "\rval [########] 4/4 100.0% | 2.00 it/s | elapsed 00:02 eta 00:00 | acc=1     "
                + "\rval [########] 4/4 100.0% | 1.60 it/s | elapsed 00:02 eta 00:00 | acc=1\n",
                out.toString());
    }

    @Test
    void clearWipesTheShownLineAndRedrawPutsItBackForALogLineInBetween() {
        ProgressBar bar = ProgressBar.builder("val", 4).output(out).interactive(true)
                .clock(nanos::get).barWidth(4).build();
        at(1.0);
        bar.step();
        String shown = "val [#---] 1/4  25.0% | 1.00 it/s | elapsed 00:01 eta 00:03";
        assertEquals("\r" + shown, out.toString());
        bar.clear();
        // back to column 0 over blanks as wide as the line: a log line printed now starts clean
        assertEquals("\r" + shown + "\r" + " ".repeat(shown.length()) + "\r", out.toString());
        out.write("a log line\n");
        bar.clear(); // nothing shown any more: nothing to wipe
        at(2.0);
        bar.redraw();
        String afterLine = "\r" + shown + "\r" + " ".repeat(shown.length()) + "\r" + "a log line\n"
                + "\rval [#---] 1/4  25.0% | 2.00 s/it | elapsed 00:02 eta 00:06";
        assertEquals(afterLine, out.toString());
        // cleared again: the next step draws the bar back at once, inside the 0.1 s throttle
        bar.clear();
        at(2.04);
        bar.step();
        assertTrue(out.toString().endsWith("\rval [##--] 2/4  50.0% | 1.02 s/it | elapsed 00:02 eta 00:02"),
                out.toString());
        bar.close();
        int length = out.toString().length();
        bar.clear();
        bar.redraw();
        assertEquals(length, out.toString().length(), "a closed bar writes nothing more");
    }

    @Test
    void clearAndRedrawDoNothingInLogMode() {
        ProgressBar bar = ProgressBar.builder("eval", 10).output(out).interactive(false)
                .clock(nanos::get).build();
        at(1.0);
        bar.stepTo(5);
        String logged = out.toString();
        bar.clear();
        bar.redraw();
        assertEquals(logged, out.toString());
    }

    @Test
    void barsOnStandardErrorGoQuietWhileWritersGivenExplicitlyDoNot() {
        java.io.PrintStream saved = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        try {
            System.setErr(new java.io.PrintStream(err, true));
            ProgressDisplay.setQuiet(true);
            try (ProgressBar hidden = ProgressBar.builder("quiet", 2).interactive(true).build();
                 ProgressBar given = ProgressBar.builder("given", 2).output(out).interactive(false).build()) {
                hidden.step(2);
                given.step(2);
                assertEquals(false, hidden.interactive(), "a hidden bar does not draw");
            }
            assertEquals("", err.toString(), "--quiet: nothing on standard error");
            assertEquals(true, out.toString().startsWith("given 2/2"), out.toString());
            ProgressDisplay.setQuiet(false);
            try (ProgressBar shown = ProgressBar.builder("loud", 2).interactive(false).build()) {
                shown.step(2);
            }
            assertEquals(true, err.toString().startsWith("loud 2/2 100.0%"), err.toString());
        } finally {
            ProgressDisplay.setQuiet(false);
            System.setErr(saved);
        }
    }

    @Test
    void unknownTotalShowsCountRateAndElapsedOnly() {
        ProgressBar bar = ProgressBar.builder("load", 0).output(out).interactive(false)
                .clock(nanos::get).logEverySeconds(2).build();
        assertEquals("load 0 | ? it/s | elapsed 00:00", bar.line());
        at(1);
        bar.step(); // under 2 s: silent
        at(3);
        bar.step();
        assertEquals("load 2 | 1.50 s/it | elapsed 00:03\n", out.toString());
    }

    @Test
    void concurrentStepsAreAllCounted() throws InterruptedException {
        ProgressBar bar = ProgressBar.builder("par", 4000).output(out).interactive(true)
                .clock(nanos::get).build();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    bar.step();
                    bar.set("x", i);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(4000, bar.current());
    }

    @Test
    void compactNumbersAndDurations() {
        assertEquals("0.4123", CompactNumber.format(0.41234));
        assertEquals("1235", CompactNumber.format(1234.5));
        assertEquals("1.235e+04", CompactNumber.format(12345.0));
        assertEquals("1.5e-05", CompactNumber.format(1.5e-5));
        assertEquals("2", CompactNumber.format(2.0));
        assertEquals("123456789", CompactNumber.format(123456789L));
        assertEquals("nan", CompactNumber.format(Double.NaN));
        assertEquals("1:02:05", CompactNumber.duration(3725.9));
        assertEquals("00:59", CompactNumber.duration(59.99));
    }

    @Test
    void aResumedBarRatesOnlyTheStepsDoneSinceItStarted() {
        ProgressBar bar = ProgressBar.builder("train", 100).output(out).interactive(false)
                .clock(nanos::get).logEverySeconds(1000).build();
        bar.startAt(60);
        org.junit.jupiter.api.Assertions.assertTrue(bar.line().contains("? it/s"), bar.line());
        nanos.addAndGet(10_000_000_000L);
        bar.stepTo(65); // 5 steps in 10 s, not 65
        org.junit.jupiter.api.Assertions.assertTrue(bar.line().contains("2.00 s/it"), bar.line());
        org.junit.jupiter.api.Assertions.assertTrue(bar.line().contains("eta 01:10"), bar.line()); // 35 steps left at 2 s each
    }
}
