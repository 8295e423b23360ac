package org.unidefense.profile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects spans and counter samples while {@link Trace} is switched on. Spans are opened and
 * closed on the thread that runs the work (libtorch's CPU ops are synchronous there, so wall time
 * between open and close is the op's time); each thread keeps its own stack so nesting is exact.
 */
public final class SpanRecorder {
    private final long originNanos = System.nanoTime();
    private final ModuleNames names;
    private final List<Span> spans = new ArrayList<>();
    private final List<CounterSample> counters = new ArrayList<>();
    private final Map<Long, String> threadNames = new ConcurrentHashMap<>();
    private final ThreadLocal<Deque<Open>> open = ThreadLocal.withInitial(ArrayDeque::new);

    private record Open(String name, String category, long start) {
    }

    public SpanRecorder(ModuleNames names) {
        this.names = names;
    }

    public ModuleNames names() {
        return names;
    }

    /** Nanoseconds since this recorder was made. */
    public long now() {
        return System.nanoTime() - originNanos;
    }

    public void begin(String name, String category) {
        Thread t = Thread.currentThread();
        threadNames.putIfAbsent(t.getId(), t.getName());
        open.get().push(new Open(name, category, now()));
    }

    /** Closes the innermost open span of this thread; does nothing if none is open. */
    public void end(double flops) {
        long end = now();
        Deque<Open> stack = open.get();
        Open o = stack.poll();
        if (o == null) {
            return;
        }
        Span s = new Span(o.name, o.category, Thread.currentThread().getId(), o.start, end - o.start, stack.size(), flops);
        synchronized (spans) {
            spans.add(s);
        }
    }

    public void counter(String name, double value) {
        CounterSample c = new CounterSample(name, now(), value);
        synchronized (counters) {
            counters.add(c);
        }
    }

    /** Finished spans ordered by start time (parents before their children). */
    public List<Span> spans() {
        List<Span> copy;
        synchronized (spans) {
            copy = new ArrayList<>(spans);
        }
        copy.sort(Comparator.comparingLong(Span::startNanos).thenComparing(Comparator.comparingLong(Span::durationNanos).reversed()));
        return copy;
    }

    public List<CounterSample> counters() {
        synchronized (counters) {
            return new ArrayList<>(counters);
        }
    }

    public Map<Long, String> threadNames() {
        return Map.copyOf(threadNames);
    }
}
