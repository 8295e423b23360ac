package org.unidefense.profile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Time and share per phase and per module, aggregated over the recorded steps. A row's total is
 * its spans' wall time (children included); its self time excludes the spans directly inside it,
 * so the self times of all spans within the steps add up to the steps' time exactly and the
 * shares can be read as "where the step went". FLOPs of a row are those of every known layer
 * inside it (forward only), and GFLOP/s relates them to the row's total time.
 *
 * @param steps     number of recorded steps (the root spans named {@code root})
 * @param stepNanos their summed wall time
 * @param rows      one per (category, name), in order of first appearance
 */
public record ProfileTable(String root, int steps, long stepNanos, List<Row> rows) {

    /**
     * @param depth the nesting depth of its first span (0 = the step)
     */
    public record Row(String name, String category, int depth, int calls, long totalNanos, long selfNanos,
                      double flops) {
        public double gflopsPerSecond() {
            return totalNanos == 0 ? 0 : flops / totalNanos;
        }
    }

    private static final class Acc {
        final String name;
        final String category;
        final int depth;
        int calls;
        long total;
        long self;
        double flops;

        Acc(String name, String category, int depth) {
            this.name = name;
            this.category = category;
            this.depth = depth;
        }
    }

    private static final class Node {
        final Span span;
        long childNanos;
        double subtreeFlops;

        Node(Span span) {
            this.span = span;
            this.subtreeFlops = span.flops();
        }
    }

    /** Aggregates the spans inside the spans named {@code root} (other spans are ignored). */
    public static ProfileTable of(List<Span> spans, String root) {
        Map<String, Acc> rows = new LinkedHashMap<>();
        Map<Long, Deque<Node>> stacks = new HashMap<>();
        long stepNanos = 0;
        int steps = 0;
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(java.util.Comparator.comparingLong(Span::startNanos)
                .thenComparing(java.util.Comparator.comparingLong(Span::durationNanos).reversed())
                .thenComparingInt(Span::depth));
        for (Span s : sorted) {
            Deque<Node> stack = stacks.computeIfAbsent(s.threadId(), t -> new ArrayDeque<>());
            while (!stack.isEmpty() && !stack.peek().span.contains(s)) {
                close(stack, rows);
            }
            if (stack.isEmpty() && !s.name().equals(root)) {
                continue; // outside any step: warm-up, set-up
            }
            if (stack.isEmpty()) {
                steps++;
                stepNanos += s.durationNanos();
            }
            // rows in order of first appearance (pre-order: a module before its children)
            rows.computeIfAbsent(key(s), k -> new Acc(s.name(), s.category(), stack.size()));
            stack.push(new Node(s));
        }
        for (Deque<Node> stack : stacks.values()) {
            while (!stack.isEmpty()) {
                close(stack, rows);
            }
        }
        List<Row> out = new ArrayList<>();
        for (Acc a : rows.values()) {
            out.add(new Row(a.name, a.category, a.depth, a.calls, a.total, a.self, a.flops));
        }
        return new ProfileTable(root, steps, stepNanos, out);
    }

    private static void close(Deque<Node> stack, Map<String, Acc> rows) {
        Node n = stack.pop();
        Node parent = stack.peek();
        if (parent != null) {
            parent.childNanos += n.span.durationNanos();
            parent.subtreeFlops += n.subtreeFlops;
        }
        Acc a = rows.get(key(n.span));
        a.calls++;
        a.total += n.span.durationNanos();
        a.self += n.span.durationNanos() - n.childNanos;
        a.flops += n.subtreeFlops;
    }

    private static String key(Span s) {
        return s.category() + "/" + s.name();
    }

    /** Rows of one category ({@link Span#PHASE} or {@link Span#MODULE}). */
    public List<Row> rows(String category) {
        return rows.stream().filter(r -> r.category().equals(category)).toList();
    }

    /** Sum of all self times: the steps' wall time, up to clock reads. */
    public long selfNanosSum() {
        return rows.stream().mapToLong(Row::selfNanos).sum();
    }

    public double share(long nanos) {
        return stepNanos == 0 ? 0 : (double) nanos / stepNanos;
    }

    /**
     * The text table. Modules are shown down to {@code moduleDepth} levels of nesting
     * (0: the modules the model's forward calls directly); the JSON holds them all.
     */
    public String text(double matmulPeakGflops, int moduleDepth) {
        StringBuilder b = new StringBuilder();
        double perStep = Math.max(steps, 1) * 1e6;
        b.append(String.format(Locale.ROOT, "%-44s %6s %10s %7s %10s %9s %8s %7s%n", "phase", "calls", "ms/step",
                "share", "self ms", "GFLOP", "GFLOP/s", "%peak"));
        for (Row r : rows(Span.PHASE)) {
            line(b, "  ".repeat(r.depth()) + r.name(), r, perStep, matmulPeakGflops);
        }
        b.append(String.format(Locale.ROOT, "%n%-44s %6s %10s %7s %10s %9s %8s %7s%n", "module (forward only)", "calls",
                "ms/step", "share", "self ms", "GFLOP", "GFLOP/s", "%peak"));
        // levels count module spans, not dots: UDEB4's backbone blocks (backbone._blocks.N) are
        // called one by one from the model's forward, so they are top-level spans
        int base = rows(Span.MODULE).stream().mapToInt(Row::depth).min().orElse(0);
        for (Row r : rows(Span.MODULE)) {
            int level = r.depth() - base;
            if (level <= moduleDepth) {
                line(b, "  ".repeat(level) + r.name(), r, perStep, matmulPeakGflops);
            }
        }
        return b.toString();
    }

    private void line(StringBuilder b, String label, Row r, double perStep, double peak) {
        double gflops = r.gflopsPerSecond();
        b.append(String.format(Locale.ROOT, "%-44s %6d %10.1f %6.1f%% %10.1f %9s %8s %7s%n", label, r.calls(),
                r.totalNanos() / perStep, 100 * share(r.totalNanos()), r.selfNanos() / perStep,
                r.flops() > 0 ? String.format(Locale.ROOT, "%.3f", r.flops() / 1e9 / Math.max(steps, 1)) : "",
                r.flops() > 0 ? String.format(Locale.ROOT, "%.1f", gflops) : "",
                r.flops() > 0 && peak > 0 ? String.format(Locale.ROOT, "%.0f%%", 100 * gflops / peak) : ""));
    }

    public Map<String, Object> json(double matmulPeakGflops) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", steps);
        m.put("seconds_per_step", stepNanos / 1e9 / Math.max(steps, 1));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", r.name());
            e.put("category", r.category());
            e.put("depth", r.depth());
            e.put("calls_per_step", (double) r.calls() / Math.max(steps, 1));
            e.put("ms_per_step", r.totalNanos() / 1e6 / Math.max(steps, 1));
            e.put("self_ms_per_step", r.selfNanos() / 1e6 / Math.max(steps, 1));
            e.put("share", share(r.totalNanos()));
            e.put("self_share", share(r.selfNanos()));
            if (r.flops() > 0) {
                e.put("gflop_per_step", r.flops() / 1e9 / Math.max(steps, 1));
                e.put("gflops_per_second", r.gflopsPerSecond());
                e.put("share_of_matmul_peak", matmulPeakGflops > 0 ? r.gflopsPerSecond() / matmulPeakGflops : null);
            }
            list.add(e);
        }
        m.put("rows", list);
        return m;
    }
}
