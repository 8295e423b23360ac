package org.unidefense.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which malloc serves libtorch's CPU allocations in this process and how it is tuned: a
 * preloaded jemalloc/tcmalloc/mimalloc shows in the process's memory maps; otherwise it is
 * glibc's, whose behaviour the {@code MALLOC_*} variables change.
 *
 * @param name     jemalloc, tcmalloc, mimalloc or glibc
 * @param settings the allocator environment variables that are set (LD_PRELOAD, MALLOC_*, ...)
 */
public record AllocatorInfo(String name, Map<String, String> settings) {
    private static final List<String> KNOWN = List.of("jemalloc", "tcmalloc", "mimalloc");
    private static final List<String> VARIABLES = List.of("LD_PRELOAD", "MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_",
            "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_", "MALLOC_CONF", "TCMALLOC_RELEASE_RATE", "GLIBC_TUNABLES",
            "THP_MEM_ALLOC_ENABLE", "OMP_WAIT_POLICY"); // the last is not malloc's, but explains a figure too

    public static AllocatorInfo current() {
        String maps;
        try {
            maps = Files.readString(Path.of("/proc/self/maps"));
        } catch (IOException | RuntimeException e) {
            maps = "";
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String v : VARIABLES) {
            String value = System.getenv(v);
            if (value != null) {
                env.put(v, value);
            }
        }
        return new AllocatorInfo(fromMaps(maps), env);
    }

    /** The allocator library mapped into the process, by its file name in {@code /proc/self/maps}. */
    static String fromMaps(String maps) {
        for (String line : maps.split("\n")) {
            int slash = line.lastIndexOf('/');
            String file = slash < 0 ? "" : line.substring(slash + 1);
            for (String k : KNOWN) {
                if (file.startsWith("lib" + k)) {
                    return k;
                }
            }
        }
        return "glibc";
    }

    /**
     * Whether libtorch's large buffers stay mapped between uses: a caching malloc is preloaded, or
     * glibc runs with one arena ({@code MALLOC_ARENA_MAX=1}) and a raised mmap threshold
     * ({@code MALLOC_MMAP_THRESHOLD_}), as the {@code ./unidefense} launcher arranges. Otherwise,
     * on JVM threads (served from glibc's secondary arenas, whose heaps stop at 64 MiB), every
     * larger activation is mapped and unmapped on each use. One arena with the trim threshold but
     * without the mmap threshold fixes glibc's threshold at 128 KiB: a UDR18 eval batch of 32 at
     * 256² then spent 5 s of system time per 7 s of user time (measured December 2026).
     */
    public boolean tuned() {
        return !name.equals("glibc")
                || ("1".equals(settings.get("MALLOC_ARENA_MAX")) && settings.containsKey("MALLOC_MMAP_THRESHOLD_"));
    }

    /** A one-line hint for a process started without the launcher's allocator settings, or null. */
    public String advice() {
        if (tuned()) {
            return null;
        }
        return "note: glibc malloc is not tuned for libtorch in this process (untuned, an evaluation took twice the "
                + "CPU time on this project's machine); start through ./unidefense, or set MALLOC_ARENA_MAX=1 "
                + "MALLOC_MMAP_THRESHOLD_=17179869184 MALLOC_TRIM_THRESHOLD_=17179869184 (or preload libtcmalloc_minimal.so.4) before the JVM starts";
    }

    /** The library and the variables that are set, for a JSON report. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("library", name);
        m.putAll(settings);
        return m;
    }

    @Override
    public String toString() {
        return settings.isEmpty() ? name + " (no allocator variables set)" : name + " " + settings;
    }
}
