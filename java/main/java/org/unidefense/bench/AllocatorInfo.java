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
