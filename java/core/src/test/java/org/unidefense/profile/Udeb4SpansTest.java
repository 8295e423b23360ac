package org.unidefense.profile;

import org.junit.jupiter.api.Test;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UDEB4;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The EfficientNet hooks: one eval forward of UDEB4 names every backbone block and decoder stage once. */
class Udeb4SpansTest {
    @Test
    void everyBackboneBlockAndDecoderStageIsASpan() {
        UDEB4 model = (UDEB4) ModelRegistry.create("UDEB4");
        ProfileRun.Result r = ProfileRun.run(model, null,
                new ProfileRun.Settings(ProfileRun.Workload.eval, 1, 64, 1, 0, 2), null);
        Map<String, Long> calls = r.recorder().spans().stream().filter(s -> s.category().equals(Span.MODULE))
                .collect(Collectors.groupingBy(Span::name, Collectors.counting()));
        int blocks = model.delimiter()[model.delimiter().length - 1];
        assertEquals(32, blocks, "EfficientNet-B4 has 32 MBConv blocks");
        for (int i = 0; i < blocks; i++) {
            assertEquals(1L, calls.get("backbone._blocks." + i), "block " + i + " in " + calls.keySet());
            assertEquals(1L, calls.get("backbone._blocks." + i + "._project_conv"));
        }
        for (String name : List.of("backbone._conv_stem", "backbone._bn0", "backbone._conv_head", "backbone._bn1",
                "dec_block1", "dec_block2", "dec_block3", "freq_filter", "spat_filter", "bottleneck", "classifier.fc")) {
            assertEquals(1L, calls.get(name), name + " in " + calls.keySet());
        }
        ProfileTable.Row b0 = r.table().rows(Span.MODULE).stream().filter(x -> x.name().equals("backbone._blocks.0"))
                .findFirst().orElseThrow();
        assertTrue(b0.flops() > 0, "a block's FLOPs come from its hooked convolutions");
    }
}
