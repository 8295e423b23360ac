package org.unidefense.testing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fixture readers against the test vectors and statistics the fixtures publish. */
class FixtureSelfTest {
    @Test
    void udg1MatchesPublishedTestVectors() {
        long s = Udg1.fnv1a64("UDG1-test");
        assertEquals(0xfa2dd07c356168b3L, s);
        assertEquals(16155938, Udg1.top24(s, 0));
        assertEquals(12167955, Udg1.top24(s, 1));
        assertEquals(8917777, Udg1.top24(s, 2));
        assertEquals(9002003, Udg1.top24(s, 3));
        int[] u = {0x3f6d0a44, 0x3ee6ac4c, 0x3d813110, 0x3d95c130};
        int[] v = {0x3f9da148, 0x3f8e6ac5, 0x3f8204c4, 0x3f825705};
        for (int i = 0; i < 4; i++) {
            assertEquals(u[i], Float.floatToRawIntBits(Udg1.value(s, i, 0f, 1f)));
            assertEquals(v[i], Float.floatToRawIntBits(Udg1.value(s, i, 1f, 0.25f)));
        }
        assertEquals(0xe220a8397b1dcdafL, Udg1.splitmix64(0, 0));
    }

    @Test
    void everyStateDictEntryMatchesItsManifestStats() {
        for (String g : new String[]{"A_udr18", "A_udr50", "A_udeb4", "E_train_udr18", "G_pretrained_format"}) {
            Fixture f = Fixture.of(g);
            for (var sdName : (Iterable<String>) () -> f.manifest().path("state_dicts").fieldNames()) {
                Map<String, FixtureTensor> sd = f.stateDict(sdName);
                JsonNode entries = f.manifest().path("state_dicts").get(sdName).get("entries");
                for (JsonNode e : entries) {
                    FixtureTensor t = sd.get(e.get("name").asText());
                    JsonNode st = e.get("stats");
                    double sum = st.get("sum").asDouble();
                    assertEquals(sum, t.sum(), 1e-9 * Math.max(1, Math.abs(sum)) + 1e-6,
                            g + "/" + sdName + "/" + t.name());
                    assertEquals(st.get("first").get(0).asDouble(),
                            t.isFloat() ? t.floats()[0] : t.longs()[0], 0.0, t.name());
                }
            }
        }
    }
}
