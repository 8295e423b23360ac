package org.unidefense.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.pytorch.Module;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ConfigOverrides;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One recorded UDR18 training step at 32 px with 1 real + 1 fake image, checked as a trace. */
class ProfileRecorderTest {
    private static final int SIZE = 32;
    private static UniDefenseModel model;
    private static ProfileRun.Result result;

    @BeforeAll
    static void profileOneStep() {
        ResolvedConfig cfg = ConfigLoader.load(Path.of("config_template/ocim/model_udr18.yml"), ConfigOverrides.none());
        model = ModelRegistry.create(cfg.model());
        result = ProfileRun.run(model, cfg, new ProfileRun.Settings(ProfileRun.Workload.train, 1, SIZE, 1, 0, 2), null);
        assertFalse(Trace.on(), "recording is switched off after the run");
    }

    @Test
    void traceIsValidTraceEventJsonAndSpansNest() throws Exception {
        SpanRecorder r = result.recorder();
        String json = TraceEventWriter.json(TraceEventWriter.document(r.spans(), r.counters(), r.threadNames(), Map.of()));
        JsonNode events = new ObjectMapper().readTree(json).get("traceEvents");
        assertTrue(events.isArray() && events.size() > 100);
        Map<Long, List<double[]>> byThread = new HashMap<>();
        int counters = 0;
        for (JsonNode e : events) {
            assertTrue(e.has("name") && e.has("ph") && e.has("pid") && e.has("tid") && e.has("ts"), e.toString());
            switch (e.get("ph").asText()) {
                case "X" -> {
                    double ts = e.get("ts").asDouble();
                    double dur = e.get("dur").asDouble();
                    assertTrue(dur >= 0, e.toString());
                    byThread.computeIfAbsent(e.get("tid").asLong(), t -> new ArrayList<>()).add(new double[]{ts, ts + dur});
                }
                case "C" -> {
                    counters++;
                    assertTrue(e.get("args").get("value").isNumber(), e.toString());
                }
                case "M" -> assertEquals("thread_name", e.get("name").asText());
                default -> throw new AssertionError("unexpected event " + e);
            }
        }
        assertTrue(counters > 0, "resident memory is sampled");
        // on each thread, two spans are either disjoint or one lies inside the other
        for (List<double[]> spans : byThread.values()) {
            for (double[] a : spans) {
                for (double[] b : spans) {
                    boolean disjoint = a[1] <= b[0] || b[1] <= a[0];
                    boolean nested = (a[0] <= b[0] && b[1] <= a[1]) || (b[0] <= a[0] && a[1] <= b[1]);
                    assertTrue(disjoint || nested, "overlapping spans " + a[0] + "+" + (a[1] - a[0]) + " and "
                            + b[0] + "+" + (b[1] - b[0]));
                }
            }
        }
    }

    @Test
    void everyModuleAppearsOncePerForward() {
        Set<String> expected = new TreeSet<>();
        for (String name : ModuleNames.of(model).all()) {
            // not called on their own: the root; timm's identity placeholders (never applied here);
            // the 1x1 spectrum convolution inside each SFConv2d (timed and counted in the SFConv2d's span)
            if (!name.isEmpty() && !name.endsWith(".drop_block") && !name.endsWith(".aa") && !name.endsWith(".freq_conv")) {
                expected.add(name);
            }
        }
        // the reference computes its dual-space attention inline in the model's forward (its modules are
        // freq_filter, spat_filter and fuse_coef): one span named "attention" groups them
        expected.add("attention");
        assertTrue(expected.contains("extractor.layer1.0.conv1") && expected.contains("dec_block2")
                && expected.contains("spat_filter.layer2.0") && expected.contains("emb_block1.conv2"), expected.toString());
        List<Span> spans = result.recorder().spans();
        List<Span> forwards = spans.stream().filter(s -> s.name().endsWith(".forward")).toList();
        assertEquals(List.of("pass1.forward", "pass2.forward"), forwards.stream().map(Span::name).toList());
        for (Span forward : forwards) {
            Map<String, Integer> calls = new HashMap<>();
            spans.stream().filter(s -> s.category().equals(Span.MODULE) && forward.contains(s))
                    .forEach(s -> calls.merge(s.name(), 1, Integer::sum));
            assertEquals(expected, new TreeSet<>(calls.keySet()), forward.name());
            calls.forEach((name, n) -> {
                // the embedding blocks apply their one activation module twice, as the reference does
                int want = name.equals("emb_block1.act") || name.equals("emb_block2.act") ? 2 : 1;
                assertEquals(want, n, forward.name() + ": " + name);
            });
        }
    }

    @Test
    void selfTimesAddUpToTheMeasuredStep() {
        ProfileTable t = result.table();
        assertEquals(1, t.steps());
        double accounted = ProfileRun.accountedShare(t, result.stepNanos());
        assertTrue(accounted > 0.9 && accounted < 1.1, "recorded/measured = " + accounted);
        // the modules directly inside each forward phase take no more than the phase itself
        List<Span> spans = result.recorder().spans();
        for (Span forward : spans.stream().filter(s -> s.name().endsWith(".forward")).toList()) {
            long top = spans.stream().filter(s -> s.category().equals(Span.MODULE) && forward.contains(s)
                    && s.depth() == forward.depth() + 1).mapToLong(Span::durationNanos).sum();
            assertTrue(top > 0 && top <= forward.durationNanos(), top + " vs " + forward);
        }
    }

    @Test
    void convolutionFlopsFollowFromShapes() {
        // extractor.conv1: 7x7 stride-2 conv 3 -> 64 on 2 images of 32x32 -> 16x16 outputs,
        // 2 * (2*64*16*16 outputs) * (3*7*7 multiply-adds each), once per forward
        double perForward = 2.0 * (2 * 64 * 16 * 16) * (3 * 7 * 7);
        ProfileTable.Row conv1 = result.table().rows(Span.MODULE).stream()
                .filter(r -> r.name().equals("extractor.conv1")).findFirst().orElseThrow();
        assertEquals(2, conv1.calls());
        assertEquals(2 * perForward, conv1.flops(), 1e-6);
        ProfileTable.Row extractor = result.table().rows(Span.MODULE).stream()
                .filter(r -> r.name().equals("extractor")).findFirst().orElseThrow();
        assertTrue(extractor.flops() > conv1.flops(), "a module's FLOPs include its children's");
    }

    @Test
    void evaluationIsRecordedUnderItsOwnRoot() {
        ProfileTable eval = result.evaluation();
        assertEquals(1, eval.steps());
        assertTrue(eval.rows(Span.MODULE).stream().anyMatch(r -> r.name().equals("classifier")));
        assertTrue(result.table().rows(Span.PHASE).stream().noneMatch(r -> r.name().equals(ProfileRun.EVALUATION)),
                "the evaluation forward is not part of the training step");
    }

    @Test
    void modulesOutsideTheModelAreNamedByType() {
        Module stray = new org.bytedeco.pytorch.ReLUImpl();
        assertEquals("ReLU", ModuleNames.of(model).nameOf(stray));
    }
}
