package org.unidefense.profile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * oneDNN's execution log ({@code ONEDNN_VERBOSE=profile_exec}) aggregated by primitive kind,
 * propagation kind, implementation and problem shape. Lines look like (oneDNN 3.x)
 * {@code onednn_verbose,v1,primitive,exec,cpu,convolution,jit:avx512_core,forward_training,
 * <memory descriptors>,<attributes>,<aux>,<problem>,<ms>}; an optional timestamp field
 * ({@code ONEDNN_VERBOSE_TIMESTAMP=1}) and the 2.x form without {@code v1,primitive} are accepted
 * because fields are counted from {@code exec}. Everything else on the stream (info lines, the
 * program's own output) is skipped.
 *
 * <p>What to look for: implementations starting {@code ref:} (reference C++ loops, very slow),
 * {@code gemm:} (im2col + GEMM fallback), the share of {@code reorder} (layout conversions
 * between libtorch's NCHW and oneDNN's blocked formats) and of {@code deconvolution}.
 */
public final class OneDnnVerbose {
    /** One executed primitive. */
    public record Exec(String kind, String implementation, String propagation, String dataType, String problem,
                       double milliseconds) {
        /** {@code ref:any}, {@code gemm:jit}, {@code x64:gemm:jit}, ... but not {@code brgemm:...} or {@code brg_conv}. */
        public boolean isFallback() {
            return FALLBACK.matcher(implementation).find();
        }
    }

    /** Summed executions of one (kind, propagation, implementation, problem). */
    public record Group(String kind, String propagation, String implementation, String problem, int calls,
                        double milliseconds) {
    }

    /** Summed executions of one primitive kind. */
    public record KindTotal(String kind, int calls, double milliseconds, double fallbackMilliseconds) {
    }

    private static final java.util.regex.Pattern FALLBACK = java.util.regex.Pattern.compile("(^|[:+])(ref|gemm)(:|$)");

    /** Marker a profiled child prints before its timed steps, so warm-up executions can be dropped. */
    public static final String TIMED_MARKER = "unidefense-profile: timed steps begin";
    /** Marker printed after the timed steps (the evaluation forward that follows is not counted). */
    public static final String END_MARKER = "unidefense-profile: timed steps end";

    private final List<Exec> execs;

    private OneDnnVerbose(List<Exec> execs) {
        this.execs = execs;
    }

    /**
     * Parses a whole log; if it holds {@link #TIMED_MARKER}, only the lines after its last
     * occurrence, up to {@link #END_MARKER} if that follows.
     */
    public static OneDnnVerbose parse(String log) {
        int marker = log.lastIndexOf(TIMED_MARKER);
        String body = marker < 0 ? log : log.substring(marker + TIMED_MARKER.length());
        int end = body.indexOf(END_MARKER);
        body = end < 0 ? body : body.substring(0, end);
        List<Exec> execs = new ArrayList<>();
        for (String line : body.split("\r?\n")) {
            Exec e = parseLine(line);
            if (e != null) {
                execs.add(e);
            }
        }
        return new OneDnnVerbose(execs);
    }

    /** One executed primitive, or null for any other line. */
    static Exec parseLine(String line) {
        if (!line.startsWith("onednn_verbose,") && !line.startsWith("dnnl_verbose,")) {
            return null;
        }
        String[] f = line.split(",", -1);
        int exec = -1;
        for (int i = 1; i < Math.min(f.length, 5); i++) {
            if (f[i].equals("exec")) {
                exec = i;
                break;
            }
        }
        // exec, engine, kind, impl, prop, mds, attrs, aux, problem, time
        if (exec < 0 || f.length < exec + 10 || (exec > 1 && f[exec - 1].equals("graph"))) {
            return null;
        }
        double ms;
        try {
            ms = Double.parseDouble(f[f.length - 1].trim());
        } catch (NumberFormatException e) {
            return null;
        }
        return new Exec(f[exec + 2], f[exec + 3], f[exec + 4], dataType(f[exec + 5]), f[f.length - 2], ms);
    }

    /** The data type of the first memory descriptor, e.g. {@code f32} from {@code src:f32::blocked:abcd::f0 ...}. */
    private static String dataType(String descriptors) {
        String first = descriptors.trim().split(" ")[0];
        String[] parts = first.split(":");
        return parts.length > 1 ? parts[1] : "";
    }

    public List<Exec> execs() {
        return List.copyOf(execs);
    }

    public double totalMilliseconds() {
        return execs.stream().mapToDouble(Exec::milliseconds).sum();
    }

    /** Per kind, largest time first. */
    public List<KindTotal> byKind() {
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (Exec e : execs) {
            double[] a = acc.computeIfAbsent(e.kind(), k -> new double[3]);
            a[0]++;
            a[1] += e.milliseconds();
            a[2] += e.isFallback() ? e.milliseconds() : 0;
        }
        List<KindTotal> out = new ArrayList<>();
        acc.forEach((k, a) -> out.add(new KindTotal(k, (int) a[0], a[1], a[2])));
        out.sort(Comparator.comparingDouble(KindTotal::milliseconds).reversed());
        return out;
    }

    /** Per (kind, propagation, implementation, problem), largest time first. */
    public List<Group> groups() {
        Map<String, Object[]> acc = new LinkedHashMap<>();
        for (Exec e : execs) {
            String key = e.kind() + "|" + e.propagation() + "|" + e.implementation() + "|" + e.problem();
            Object[] a = acc.computeIfAbsent(key, k -> new Object[]{e, 0, 0.0});
            a[1] = (Integer) a[1] + 1;
            a[2] = (Double) a[2] + e.milliseconds();
        }
        List<Group> out = new ArrayList<>();
        for (Object[] a : acc.values()) {
            Exec e = (Exec) a[0];
            out.add(new Group(e.kind(), e.propagation(), e.implementation(), e.problem(), (Integer) a[1], (Double) a[2]));
        }
        out.sort(Comparator.comparingDouble(Group::milliseconds).reversed());
        return out;
    }

    /** Groups whose implementation is a {@code ref:} or {@code gemm:} fallback. */
    public List<Group> fallbacks() {
        return groups().stream().filter(g -> new Exec(g.kind(), g.implementation(), g.propagation(), "", g.problem(), 0)
                .isFallback()).toList();
    }

    /** The table: totals per kind, fallbacks, then the {@code top} costliest groups. */
    public String text(int top, int steps) {
        double total = totalMilliseconds();
        double per = Math.max(steps, 1);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "oneDNN primitives executed: %d, %.1f ms per step in total%n",
                execs.size(), total / per));
        b.append(String.format(Locale.ROOT, "%-16s %7s %10s %7s %14s%n", "kind", "calls", "ms/step", "share", "ref/gemm ms"));
        for (KindTotal k : byKind()) {
            b.append(String.format(Locale.ROOT, "%-16s %7d %10.2f %6.1f%% %14.2f%n", k.kind(), k.calls(),
                    k.milliseconds() / per, pct(k.milliseconds(), total), k.fallbackMilliseconds() / per));
        }
        List<Group> fallbacks = fallbacks();
        b.append(fallbacks.isEmpty() ? String.format("%nno ref:/gemm: fallback implementation ran%n")
                : String.format(Locale.ROOT, "%n%d ref:/gemm: fallback group(s):%n", fallbacks.size()));
        for (Group g : fallbacks) {
            b.append(groupLine(g, total, per));
        }
        b.append(String.format(Locale.ROOT, "%ntop %d by time (kind, propagation, implementation, problem):%n", top));
        groups().stream().limit(top).forEach(g -> b.append(groupLine(g, total, per)));
        return b.toString();
    }

    private static String groupLine(Group g, double total, double per) {
        return String.format(Locale.ROOT, "%9.2f ms %5.1f%% %5dx  %s %s %s %s%n", g.milliseconds() / per,
                pct(g.milliseconds(), total), g.calls(), g.kind(), g.propagation(), g.implementation(), g.problem());
    }

    private static double pct(double part, double total) {
        return total == 0 ? 0 : 100 * part / total;
    }

    public Map<String, Object> json(int steps) {
        double per = Math.max(steps, 1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("executions", execs.size());
        m.put("ms_per_step", totalMilliseconds() / per);
        List<Map<String, Object>> kinds = new ArrayList<>();
        for (KindTotal k : byKind()) {
            kinds.add(Map.of("kind", k.kind(), "calls", k.calls(), "ms_per_step", k.milliseconds() / per,
                    "fallback_ms_per_step", k.fallbackMilliseconds() / per));
        }
        m.put("by_kind", kinds);
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Group g : groups()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", g.kind());
            e.put("propagation", g.propagation());
            e.put("implementation", g.implementation());
            e.put("problem", g.problem());
            e.put("calls", g.calls());
            e.put("ms_per_step", g.milliseconds() / per);
            groups.add(e);
        }
        m.put("groups", groups);
        return m;
    }
}
