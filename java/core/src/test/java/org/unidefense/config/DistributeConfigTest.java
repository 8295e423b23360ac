package org.unidefense.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** config.distribute: backend, and this port's timeout_s and bucket_mb with their defaults and checks. */
class DistributeConfigTest {
    @TempDir
    Path dir;

    private TrainConfig load(String distribute) {
        ConfigFiles.write(dir, "data.yml", ConfigFiles.OCIM_DATA);
        String text = ConfigFiles.minimalModel("data.yml").replace("    backend: gloo", distribute);
        return ConfigLoader.load(ConfigFiles.write(dir, "model.yml", text)).config();
    }

    @Test
    void defaultsAreFiveMinutesAndDdpsBucketSize() {
        TrainConfig c = load("    backend: gloo");
        assertEquals("gloo", c.distributeBackend());
        assertEquals(300.0, c.distributeTimeoutS());
        assertEquals(25.0, c.distributeBucketMb());
    }

    @Test
    void valuesAreReadAndWrittenBack() {
        TrainConfig c = load("    backend: nccl\n    timeout_s: 30\n    bucket_mb: 4");
        assertEquals(30.0, c.distributeTimeoutS());
        assertEquals(4.0, c.distributeBucketMb());
        ConfigFiles.write(dir, "data.yml", ConfigFiles.OCIM_DATA);
        ResolvedConfig r = ConfigLoader.load(dir.resolve("model.yml"));
        Map<?, ?> plain = (Map<?, ?>) ((Map<?, ?>) r.toPlain().get("config")).get("distribute");
        assertEquals(30.0, plain.get("timeout_s"));
        assertEquals("nccl", plain.get("backend"));
    }

    @Test
    void nonPositiveTimeoutIsRejectedByKey() {
        String m = assertThrows(UserInputException.class, () -> load("    backend: gloo\n    timeout_s: 0")).getMessage();
        assertTrue(m.contains("timeout_s") && m.contains("positive"), m);
        String b = assertThrows(UserInputException.class, () -> load("    backend: gloo\n    bucket_mb: -1")).getMessage();
        assertTrue(b.contains("bucket_mb"), b);
    }
}
