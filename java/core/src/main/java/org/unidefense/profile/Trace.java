package org.unidefense.profile;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The one switch the model code consults: when no {@link SpanRecorder} is installed (always,
 * except under {@code unidefense profile} and its tests) every method here is one read of a
 * volatile field and a direct call, so an unprofiled forward pays nothing measurable next to a
 * native convolution.
 *
 * <p>Model code calls {@link #module} around a submodule's forward ({@code Layer.forward},
 * {@code IndexedSequential.forward} and the few direct calls in the models' forward), and the
 * training step calls {@link #begin}/{@link #end} around its phases. Only forward passes can be
 * attributed to modules this way: backward runs inside libtorch's autograd engine, which calls no
 * Java code, so it appears as one span per pass.
 */
public final class Trace {
    private static volatile SpanRecorder recorder;

    private Trace() {
    }

    /** A recording in progress; closing it switches tracing off. */
    public interface Recording extends AutoCloseable {
        @Override
        void close();
    }

    /** Starts recording into {@code r} (one recording per process at a time). */
    public static Recording install(SpanRecorder r) {
        recorder = r;
        return () -> recorder = null;
    }

    public static boolean on() {
        return recorder != null;
    }

    /** {@code forward.apply(x)} inside a span named after {@code module}, with its FLOPs where known. */
    public static Tensor module(Module module, Tensor x, UnaryOperator<Tensor> forward) {
        SpanRecorder r = recorder;
        if (r == null) {
            return forward.apply(x);
        }
        r.begin(r.names().nameOf(module), Span.MODULE);
        Tensor y = null;
        try {
            y = forward.apply(x);
            return y;
        } finally {
            r.end(y == null ? 0 : Flops.forward(module, x, y));
        }
    }

    /** {@code body} inside a span named after {@code module} (for forwards that are not tensor to tensor). */
    public static <T> T module(Module module, Supplier<T> body) {
        SpanRecorder r = recorder;
        return r == null ? body.get() : module(r.names().nameOf(module), body);
    }

    /** {@code body} inside a module span of the given name (for forwards that are not tensor to tensor). */
    public static <T> T module(String name, Supplier<T> body) {
        SpanRecorder r = recorder;
        if (r == null) {
            return body.get();
        }
        r.begin(name, Span.MODULE);
        try {
            return body.get();
        } finally {
            r.end(0);
        }
    }

    /** Opens a phase span on this thread (pair it with {@link #end}). */
    public static void begin(String phase) {
        SpanRecorder r = recorder;
        if (r != null) {
            r.begin(phase, Span.PHASE);
        }
    }

    /** Closes this thread's innermost open span. */
    public static void end() {
        SpanRecorder r = recorder;
        if (r != null) {
            r.end(0);
        }
    }

    /** {@code body} inside a phase span. */
    public static <T> T phase(String phase, Supplier<T> body) {
        begin(phase);
        try {
            return body.get();
        } finally {
            end();
        }
    }

    public static void phase(String phase, Runnable body) {
        begin(phase);
        try {
            body.run();
        } finally {
            end();
        }
    }
}
