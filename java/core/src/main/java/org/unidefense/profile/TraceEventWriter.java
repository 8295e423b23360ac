package org.unidefense.profile;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Chrome trace-event format (JSON object form) that Perfetto and chrome://tracing open:
 * spans as complete events ({@code "ph":"X"}, microseconds), counters as {@code "ph":"C"}, thread
 * names as metadata events. See the "Trace Event Format" document of the Chromium project.
 */
public final class TraceEventWriter {
    private static final long PID = ProcessHandle.current().pid();

    private TraceEventWriter() {
    }

    public static Map<String, Object> document(List<Span> spans, List<CounterSample> counters,
                                               Map<Long, String> threadNames, Map<String, Object> metadata) {
        List<Map<String, Object>> events = new ArrayList<>();
        threadNames.forEach((tid, name) -> {
            Map<String, Object> e = event("thread_name", "M", tid, 0);
            e.put("args", Map.of("name", name));
            events.add(e);
        });
        for (Span s : spans) {
            Map<String, Object> e = event(s.name(), "X", s.threadId(), s.startNanos());
            e.put("cat", s.category());
            e.put("dur", s.durationNanos() / 1e3);
            if (s.flops() > 0) {
                e.put("args", Map.of("gflop", s.flops() / 1e9));
            }
            events.add(e);
        }
        for (CounterSample c : counters) {
            Map<String, Object> e = event(c.name(), "C", 0, c.timeNanos());
            e.put("args", Map.of("value", c.value()));
            events.add(e);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("traceEvents", events);
        doc.put("displayTimeUnit", "ms");
        doc.put("otherData", metadata);
        return doc;
    }

    public static String json(Map<String, Object> document) {
        try {
            return new ObjectMapper().writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("trace is not serialisable: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> event(String name, String phase, long tid, long nanos) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("name", name);
        e.put("ph", phase);
        e.put("pid", PID);
        e.put("tid", tid);
        e.put("ts", nanos / 1e3);
        return e;
    }
}
