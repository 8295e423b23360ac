package org.unidefense.profile;

/**
 * One finished span: a module's forward or a phase of a step, on one thread.
 *
 * @param name       module name (the reference's state-dict prefix, e.g. {@code extractor.layer1}) or phase name
 * @param category   {@link #MODULE} or {@link #PHASE}
 * @param threadId   the Java thread it ran on
 * @param startNanos start, relative to the recorder's origin
 * @param durationNanos wall time
 * @param depth      number of spans open around it on its thread when it began
 * @param flops      forward floating-point operations where known (convolutions, linear layers), else 0
 */
public record Span(String name, String category, long threadId, long startNanos, long durationNanos, int depth,
                   double flops) {
    public static final String MODULE = "module";
    public static final String PHASE = "phase";

    public long endNanos() {
        return startNanos + durationNanos;
    }

    /** Whether {@code other} lies within this span on the same thread. */
    public boolean contains(Span other) {
        return other.threadId == threadId && other.startNanos >= startNanos && other.endNanos() <= endNanos();
    }
}
