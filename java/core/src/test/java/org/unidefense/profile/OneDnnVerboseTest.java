package org.unidefense.profile;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneDnnVerboseTest {
    /** 46 executions captured from a UDR18 training step at 64 px (see resources/profile/README.md). */
    private static String captured() throws IOException {
        try (InputStream in = OneDnnVerboseTest.class.getResourceAsStream("/profile/onednn_verbose_udr18_64px.log")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void capturedLogAggregatesByKindAsSummedIndependently() throws IOException {
        OneDnnVerbose v = OneDnnVerbose.parse(captured());
        // counts and sums below were taken from the file with awk -F, on the "primitive,exec" lines
        assertEquals(46, v.execs().size(), "info, template, graph and program-output lines are skipped");
        Map<String, OneDnnVerbose.KindTotal> kinds = v.byKind().stream()
                .collect(Collectors.toMap(OneDnnVerbose.KindTotal::kind, k -> k));
        assertEquals(35, kinds.get("reorder").calls());
        assertEquals(530.075037, kinds.get("reorder").milliseconds(), 1e-6);
        assertEquals(7, kinds.get("convolution").calls());
        assertEquals(108.637690, kinds.get("convolution").milliseconds(), 1e-6);
        assertEquals(4, kinds.get("deconvolution").calls());
        assertEquals(59.292, kinds.get("deconvolution").milliseconds(), 1e-9);
        assertEquals(698.004727, v.totalMilliseconds(), 1e-6);
        assertEquals("reorder", v.byKind().get(0).kind(), "largest time first");
        assertTrue(v.fallbacks().isEmpty(), "this machine's AVX-512 build ran no ref:/gemm: kernel");
    }

    @Test
    void groupsSplitByPropagationImplementationAndShape() throws IOException {
        OneDnnVerbose v = OneDnnVerbose.parse(captured());
        List<OneDnnVerbose.Group> deconv = v.groups().stream().filter(g -> g.kind().equals("deconvolution")).toList();
        assertEquals(4, deconv.size(), "backward data and weights, two shapes each, are four groups");
        OneDnnVerbose.Group g = deconv.stream().filter(d -> d.propagation().equals("backward_data")
                && d.problem().startsWith("mb2_ic64oc64")).findFirst().orElseThrow();
        assertEquals("conv:any+jit:avx512_core", g.implementation());
        assertEquals(15.844, g.milliseconds(), 1e-9);
        long blk = v.groups().stream().filter(r -> r.kind().equals("reorder") && r.implementation().equals("jit:blk")
                && r.problem().equals("2x128x16x16")).mapToInt(OneDnnVerbose.Group::calls).sum();
        assertEquals(8, blk);
        assertEquals("f32", v.execs().get(0).dataType());
    }

    @Test
    void capturedGemmFallbackOfUdeb4IsFlagged() throws IOException {
        String log;
        try (InputStream in = OneDnnVerboseTest.class.getResourceAsStream("/profile/onednn_verbose_udeb4_gemm.log")) {
            log = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        OneDnnVerbose v = OneDnnVerbose.parse(log);
        assertEquals(21, v.execs().size());
        assertEquals(1, v.fallbacks().size(), "only the depthwise 5x5 backward-weights convolution");
        OneDnnVerbose.Group g = v.fallbacks().get(0);
        assertEquals("x64:gemm:jit", g.implementation());
        assertEquals("backward_weights", g.propagation());
        assertEquals("g1632mb4_ic1632oc1632_ih16oh12kh5sh1dh0ph0_iw16ow12kw5sw1dw0pw0", g.problem());
        OneDnnVerbose.KindTotal conv = v.byKind().stream().filter(k -> k.kind().equals("convolution")).findFirst().orElseThrow();
        assertEquals(6, conv.calls());
        assertEquals(37.385, conv.fallbackMilliseconds(), 1e-9);
        assertEquals(10.5562 + 37.385 + 120.24489, conv.milliseconds(), 1e-6);
    }

    @Test
    void fallbackImplementationsAreFlagged() {
        // hand-written lines in oneDNN's documented verbose format (no such kernel ran on this machine)
        String log = String.join("\n",
                "onednn_verbose,v1,primitive,exec,cpu,convolution,ref:any,forward_training,src:bf16::blocked:abcd::f0 "
                        + "dst:bf16::blocked:abcd::f0,,alg:convolution_direct,mb1_ic3oc8_ih8oh8kh3sh1dh0ph1_iw8ow8kw3sw1dw0pw1,2.5",
                "onednn_verbose,v1,primitive,exec,cpu,convolution,gemm:jit,backward_weights,src:f32::blocked:abcd::f0,,"
                        + "alg:convolution_direct,mb1_g8ic8oc8_ih8oh8kh3sh1dh0ph1_iw8ow8kw3sw1dw0pw1,1.5",
                "onednn_verbose,v1,primitive,exec,cpu,convolution,brgconv:avx512_core,forward_training,src:f32::blocked:acdb::f0,,"
                        + "alg:convolution_direct,mb1_ic8oc8_ih8oh8kh3sh1dh0ph1_iw8ow8kw3sw1dw0pw1,1.0");
        OneDnnVerbose v = OneDnnVerbose.parse(log);
        assertEquals(2, v.fallbacks().size());
        assertFalse(new OneDnnVerbose.Exec("matmul", "brgemm:avx512_core", "forward", "f32", "", 1).isFallback());
        assertFalse(new OneDnnVerbose.Exec("reorder", "brgemm_matmul_copy_reorder_t", "undef", "f32", "", 1).isFallback());
        assertEquals(4.0, v.byKind().get(0).fallbackMilliseconds(), 1e-12);
        assertEquals("bf16", v.execs().get(0).dataType());
        assertTrue(v.text(5, 1).contains("2 ref:/gemm: fallback group(s)"), v.text(5, 1));
    }

    @Test
    void timestampedAndOlderFormsParseAndMarkersBoundTheTimedSteps() {
        String conv = "cpu,convolution,jit:avx512_core,forward_training,src:f32::blocked:abcd::f0,,"
                + "alg:convolution_direct,mb1_ic8oc8_ih8oh8kh3sh1dh0ph1_iw8ow8kw3sw1dw0pw1,";
        String log = String.join("\n",
                "onednn_verbose,v1,primitive,exec," + conv + "100.0",                  // warm-up: dropped
                OneDnnVerbose.TIMED_MARKER,
                "onednn_verbose,v1,1733350000000.5,primitive,exec," + conv + "1.25",   // ONEDNN_VERBOSE_TIMESTAMP=1
                "onednn_verbose,exec," + conv + "2.0",                                 // oneDNN 2.x
                "onednn_verbose,v1,graph,exec,cpu,0,fused,conv,,in0:f32:1:strided,f32,dnnl,dnnl_backend,7.0",
                "some program output, with commas, 3.0",
                OneDnnVerbose.END_MARKER,
                "onednn_verbose,v1,primitive,exec," + conv + "50.0");                  // evaluation: dropped
        OneDnnVerbose v = OneDnnVerbose.parse(log);
        assertEquals(2, v.execs().size(), v.execs().toString());
        assertEquals(3.25, v.totalMilliseconds(), 1e-12);
        assertNull(OneDnnVerbose.parseLine("onednn_verbose,v1,info,cpu,runtime:OpenMP,nthr:2"));
    }
}
