package org.unidefense.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which memory allocator this process runs on and how it is tuned: the malloc library actually
 * mapped (jemalloc or tcmalloc preloaded, else glibc), the environment variables that change its
 * behaviour, and libtorch's transparent-huge-page switch. Benchmarks report it next to their
 * figures, because the allocator alone moved a training step's time by tens of percent here.
 */
public final class AllocatorInfo {
    private static final String[] TUNING_VARIABLES = {
            "MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_",
            "MALLOC_CONF", "TCMALLOC_RELEASE_RATE", "THP_MEM_ALLOC_ENABLE", "LD_PRELOAD"};

    private AllocatorInfo() {
    }

    /** "jemalloc", "tcmalloc" or "glibc", by the libraries mapped into this process. */
    public static String library() {
        String maps = mappedLibraries();
        if (maps.contains("libjemalloc")) {
            return "jemalloc";
        }
        if (maps.contains("libtcmalloc")) {
            return "tcmalloc";
        }
        return "glibc";
    }

    /**
     * Whether libtorch's large buffers stay mapped between uses: a caching malloc (jemalloc,
     * tcmalloc) is preloaded, or glibc runs with one arena ({@code MALLOC_ARENA_MAX=1}), as the
     * {@code ./unidefense} launcher arranges. Otherwise every activation above 64 MiB is mapped and
     * unmapped on each use.
     */
    public static boolean tuned() {
        return !library().equals("glibc") || "1".equals(System.getenv("MALLOC_ARENA_MAX"));
    }

    /** A one-line hint for a process started without the launcher's allocator settings, or null. */
    public static String advice() {
        if (tuned()) {
            return null;
        }
        return "note: glibc malloc is not tuned for libtorch in this process (untuned, an evaluation took twice the CPU time on this project's machine); "
                + "start through ./unidefense, or set MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=17179869184 "
                + "MALLOC_TRIM_THRESHOLD_=17179869184 (or preload libtcmalloc_minimal.so.4) before the JVM starts";
    }

    /** The library plus every tuning variable that is set, for a benchmark report. */
    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("library", library());
        for (String name : TUNING_VARIABLES) {
            String value = System.getenv(name);
            if (value != null) {
                m.put(name, value);
            }
        }
        return m;
    }

    private static String mappedLibraries() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            StringBuilder sb = new StringBuilder();
            lines.filter(l -> l.contains("malloc")).forEach(sb::append);
            return sb.toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
