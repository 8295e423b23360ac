package org.unidefense.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Append-only {@code metrics.jsonl}: one JSON object per line,
 * {@code {"step":120,"time":35.2,"loss":0.412,"cls":0.301}}, where {@code time} is wall-clock
 * seconds since the run started. Each line is flushed as it is written, so a crash loses at most
 * the line being written; {@link RunHistory#read} skips such a torn line.
 *
 * <p>Reopening an existing log (a resumed run) appends to it and continues its clock from the last
 * recorded time, so curves against wall time stay monotonic. Non-finite values are written as the
 * strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"} (JSON has no such numbers).
 */
public final class RunLog implements Closeable {
    /** Field names that every line has; scalar names may not use them. */
    public static final String STEP = "step";
    public static final String TIME = "time";

    private static final JsonFactory JSON = new JsonFactory();

    private final BufferedWriter out;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final double timeOffset;

    private RunLog(BufferedWriter out, LongSupplier nanoClock, double timeOffset) {
        this.out = out;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.timeOffset = timeOffset;
    }

    /** Opens (creating or appending to) {@code file} with the system clock. */
    public static RunLog open(Path file) throws IOException {
        return open(file, System::nanoTime);
    }

    public static RunLog open(Path file, LongSupplier nanoClock) throws IOException {
        double offset = 0;
        boolean needsNewline = false;
        if (Files.exists(file) && Files.size(file) > 0) {
            offset = RunHistory.read(file).lastTime();
            needsNewline = !endsWithNewline(file);
        } else if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (needsNewline) {
            // a crash left a torn line: end it so the next record starts on a line of its own
            w.write('\n');
            w.flush();
        }
        return new RunLog(w, nanoClock, Double.isFinite(offset) ? offset : 0);
    }

    /**
     * Cuts {@code file} in place before its first record of a step after {@code step} (records are
     * in step order; a torn last line goes too). In place rather than rewritten, so that a log open
     * on the file keeps appending to it.
     */
    public static void truncateAfter(Path file, long step) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        long keep = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end == bytes.length) {
                break; // a torn line without its newline
            }
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            java.util.regex.Matcher m = STEP_FIELD.matcher(line);
            if (m.find() && Long.parseLong(m.group(1)) > step) {
                break;
            }
            keep = end + 1;
            start = end + 1;
        }
        if (keep < bytes.length) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(keep);
                ch.force(false);
            }
        }
    }

    private static final java.util.regex.Pattern STEP_FIELD = java.util.regex.Pattern.compile("\"step\"\\s*:\\s*(\\d+)");

    private static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
            ch.read(last, ch.size() - 1);
            return last.get(0) == '\n';
        }
    }

    /** Seconds since the run started (including the time of earlier sessions of a resumed log). */
    public double elapsedSeconds() {
        return timeOffset + (nanoClock.getAsLong() - startNanos) / 1e9;
    }

    /** Appends one line with the step, the current time and the scalars (in the map's order). */
    public synchronized void log(long step, Map<String, ? extends Number> scalars) {
        StringWriter line = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeNumberField(STEP, step);
            g.writeNumberField(TIME, Math.round(elapsedSeconds() * 1000) / 1000.0);
            for (Map.Entry<String, ? extends Number> e : scalars.entrySet()) {
                String name = e.getKey();
                if (STEP.equals(name) || TIME.equals(name)) {
                    throw new IllegalArgumentException("scalar name '" + name + "' is reserved in " + RunLog.class.getSimpleName());
                }
                writeNumber(g, name, e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            out.write(line.toString());
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNumber(JsonGenerator g, String name, Number v) throws IOException {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumberField(name, v.longValue());
            return;
        }
        double d = v.doubleValue();
        if (Double.isFinite(d)) {
            g.writeNumberField(name, d);
        } else {
            g.writeStringField(name, Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
