package org.unidefense.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Progress of long work (an epoch, an evaluation pass) on one line.
 *
 * <p>On a terminal the line is redrawn in place with {@code '\r'} (at most every
 * {@code redrawEverySeconds}); when the output is a file or pipe, where carriage returns would
 * pile up as one huge line, a plain line is logged each time another {@code logEveryPercent} of the
 * work is done or {@code logEverySeconds} have passed. A line reads
 * <pre>train [#####---------------]  25/100  25.0% | 2.50 it/s | elapsed 00:10 eta 00:30 | loss=0.412 cls=0.301</pre>
 * (the bar only on a terminal). Every method is synchronized, so data-loader threads and the
 * training loop may report into one bar. {@link #close()} prints the final line.
 *
 * <p>The bar goes to standard error, never to standard output: {@code train | tee log} then keeps
 * the log free of carriage returns, and the terminal check ({@link TerminalDetector}) looks at the
 * stream the bar really writes to. A caller that prints its own lines to the same terminal while a
 * bar is shown calls {@link #clear()} before the line and {@link #redraw()} after it, so the line does
 * not land in the middle of the bar. {@link ProgressDisplay#setQuiet} hides bars on standard error.
 *
 * <p>Why this class and not {@code me.tongfei:progressbar} (evaluated at 0.10.1, December 2026):
 * that library draws from a background thread through JLine (progressbar 38 KB + jline-terminal
 * 259 KB + jline-native 188 KB on the class path of every consumer of the detector), and when its
 * stream is not a terminal it still writes {@code '\r'}-separated updates, the very thing that
 * fills a piped {@code train | tee log}; our log mode writes a plain line per 10% or 30 s instead
 * (ProgressBarTest). Its public API has no clear/redraw pair for interleaving log lines either.
 * What the runs need is these ~300 lines, testable with an injected clock, so they stay.
 */
public final class ProgressBar implements AutoCloseable {
    private final String description;
    private final long total;
    private final Writer out;
    private final boolean interactive;
    private final LongSupplier nanoClock;
    private final double logEveryPercent;
    private final double logEverySeconds;
    private final double redrawEverySeconds;
    private final int barWidth;

    private final long startNanos;
    private final Map<String, Number> values = new LinkedHashMap<>();
    private long current;
    private long startStep;
    private boolean changedSinceShown = true;
    private long shownAtNanos = Long.MIN_VALUE;
    private long shownAtStep = -1;
    private int shownWidth;
    private boolean closed;

    private ProgressBar(Builder b) {
        this.description = b.description;
        this.total = b.total;
        boolean hidden = b.out == null && ProgressDisplay.isQuiet();
        this.out = hidden ? Writer.nullWriter()
                : b.out != null ? b.out : new OutputStreamWriter(System.err, StandardCharsets.UTF_8);
        this.interactive = !hidden && (b.interactive != null ? b.interactive : TerminalDetector.stderrIsTerminal());
        this.nanoClock = b.nanoClock;
        this.logEveryPercent = b.logEveryPercent;
        this.logEverySeconds = b.logEverySeconds;
        this.redrawEverySeconds = b.redrawEverySeconds;
        this.barWidth = b.barWidth;
        this.startNanos = nanoClock.getAsLong();
    }

    /** A bar over {@code total} steps; a total of 0 or less means unknown (no percentage, no ETA). */
    public static Builder builder(String description, long total) {
        return new Builder(description, total);
    }

    /** One more step done. */
    public void step() {
        step(1);
    }

    public synchronized void step(long steps) {
        stepTo(current + steps);
    }

    /** Sets the number of steps done so far (e.g. when resuming mid-epoch). */
    public synchronized void stepTo(long done) {
        current = done;
        changedSinceShown = true;
        maybeShow();
    }

    /** Sets a running value shown after the timing, e.g. {@code set("loss", 0.412)}; no redraw by itself. */
    public synchronized void set(String name, Number value) {
        values.put(name, value);
        changedSinceShown = true;
    }

    /**
     * Starts counting at {@code done} steps (a resumed run): the rate and the time left are of the
     * steps done since, not of steps an earlier process did.
     */
    public synchronized void startAt(long done) {
        startStep = done;
        stepTo(done);
    }

    /** Sets the running values, then the step count: the usual call once per training step. */
    public synchronized void update(long done, Map<String, ? extends Number> runningValues) {
        values.putAll(runningValues);
        stepTo(done);
    }

    public synchronized long current() {
        return current;
    }

    /** The line as it would be printed now (without the bar's carriage return). */
    public synchronized String line() {
        return render(nanoClock.getAsLong());
    }

    /** Whether the bar redraws one line in place (a terminal) rather than logging lines. */
    public boolean interactive() {
        return interactive;
    }

    /**
     * On a terminal, wipes the shown line and puts the cursor at its start, so that a log line
     * printed next starts on a clean line. The bar comes back with the next step (whatever the
     * redraw throttle), or at once with {@link #redraw()}. Does nothing in log mode or after
     * {@link #close()}.
     */
    public synchronized void clear() {
        if (!interactive || closed || shownWidth == 0) {
            return;
        }
        write("\r" + " ".repeat(shownWidth) + "\r");
        shownWidth = 0;
        shownAtNanos = Long.MIN_VALUE;
        flush();
    }

    /** On a terminal, draws the line again now (after {@link #clear()} and a log line). */
    public synchronized void redraw() {
        if (!interactive || closed) {
            return;
        }
        draw(nanoClock.getAsLong());
        flush();
    }

    /** Prints the final line (and on a terminal ends it with a newline). Later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long now = nanoClock.getAsLong();
        if (interactive) {
            draw(now);
            write("\n");
        } else if (changedSinceShown || shownAtStep != current) {
            write(render(now) + "\n");
        }
        // never closes the writer: it may be System.err or a log shared with other bars
        flush();
    }

    private void maybeShow() {
        if (closed) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (interactive) {
            boolean due = shownAtNanos == Long.MIN_VALUE
                    || seconds(now - shownAtNanos) >= redrawEverySeconds
                    || (total > 0 && current >= total && shownAtStep != current);
            if (due) {
                draw(now);
                flush();
            }
        } else if (logDue(now)) {
            write(render(now) + "\n");
            markShown(now);
            flush();
        }
    }

    private boolean logDue(long now) {
        if (total > 0 && logEveryPercent > 0) {
            double lastBucket = shownAtStep < 0 ? 0 : Math.floor(percent(shownAtStep) / logEveryPercent);
            if (Math.floor(percent(current) / logEveryPercent) > lastBucket) {
                return true;
            }
        }
        long since = now - (shownAtNanos == Long.MIN_VALUE ? startNanos : shownAtNanos);
        return logEverySeconds > 0 && seconds(since) >= logEverySeconds;
    }

    private void draw(long now) {
        String line = render(now);
        StringBuilder sb = new StringBuilder("\r").append(line);
        // spaces wipe the tail of a longer previous line
        for (int i = line.length(); i < shownWidth; i++) {
            sb.append(' ');
        }
        write(sb.toString());
        shownWidth = line.length();
        markShown(now);
    }

    private void markShown(long now) {
        shownAtNanos = now;
        shownAtStep = current;
        changedSinceShown = false;
    }

    private String render(long now) {
        double elapsed = seconds(now - startNanos);
        StringBuilder sb = new StringBuilder(description);
        if (total > 0) {
            if (interactive && barWidth > 0) {
                int filled = (int) Math.min(barWidth, Math.floor(barWidth * (double) current / total));
                sb.append(" [").append("#".repeat(filled)).append("-".repeat(barWidth - filled)).append(']');
            }
            String totalText = Long.toString(total);
            sb.append(' ').append(pad(Long.toString(current), totalText.length())).append('/').append(totalText);
            sb.append(' ').append(pad(String.format(Locale.ROOT, "%.1f%%", percent(current)), 6));
        } else {
            sb.append(' ').append(current);
        }
        sb.append(" | ").append(rate(elapsed));
        sb.append(" | elapsed ").append(CompactNumber.duration(elapsed));
        if (total > 0) {
            double eta = current > startStep ? elapsed / (current - startStep) * Math.max(0, total - current) : Double.NaN;
            sb.append(" eta ").append(CompactNumber.duration(eta));
        }
        if (!values.isEmpty()) {
            sb.append(" |");
            values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(CompactNumber.format(v)));
        }
        return sb.toString();
    }

    private String rate(double elapsed) {
        if (current <= startStep || elapsed <= 0) {
            return "? it/s";
        }
        double perSecond = (current - startStep) / elapsed;
        return perSecond >= 1 ? String.format(Locale.ROOT, "%.2f it/s", perSecond)
                : String.format(Locale.ROOT, "%.2f s/it", 1 / perSecond);
    }

    private double percent(long done) {
        return 100.0 * Math.min(done, total) / total;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Options of a {@link ProgressBar}; every one has a sensible default. */
    public static final class Builder {
        private final String description;
        private final long total;
        private Writer out;
        private Boolean interactive;
        private LongSupplier nanoClock = System::nanoTime;
        private double logEveryPercent = 10;
        private double logEverySeconds = 30;
        private double redrawEverySeconds = 0.1;
        private int barWidth = 20;

        private Builder(String description, long total) {
            this.description = description;
            this.total = total;
        }

        /** Where lines go; default standard error (never closed by the bar). */
        public Builder output(Writer writer) {
            this.out = writer;
            return this;
        }

        /** Redraw in place ({@code true}) or log lines ({@code false}); default: whether stderr is a terminal. */
        public Builder interactive(boolean redrawInPlace) {
            this.interactive = redrawInPlace;
            return this;
        }

        /** Monotonic nanoseconds; default {@link System#nanoTime()}. */
        public Builder clock(LongSupplier nanoTime) {
            this.nanoClock = nanoTime;
            return this;
        }

        /** Log mode: a line each time this share of the total is passed (0 disables); default 10. */
        public Builder logEveryPercent(double percent) {
            this.logEveryPercent = percent;
            return this;
        }

        /** Log mode: a line after this many seconds without one (0 disables); default 30. */
        public Builder logEverySeconds(double seconds) {
            this.logEverySeconds = seconds;
            return this;
        }

        /** Terminal mode: the shortest time between redraws; default 0.1 s. */
        public Builder redrawEverySeconds(double seconds) {
            this.redrawEverySeconds = seconds;
            return this;
        }

        /** Terminal mode: characters of the bar itself (0 hides it); default 20. */
        public Builder barWidth(int width) {
            this.barWidth = width;
            return this;
        }

        public ProgressBar build() {
            return new ProgressBar(this);
        }
    }
}
