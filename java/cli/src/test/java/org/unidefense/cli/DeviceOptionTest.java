package org.unidefense.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.engine.SyntheticRunsExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --device} and {@code config.device} on the commands: on this machine (no CUDA) a CUDA
 * request is a configuration error (exit 3) naming the gpu build, a malformed flag a usage error
 * (exit 2), and {@code --device cpu} replaces a file's {@code cuda}.
 */
class DeviceOptionTest {
    @TempDir
    static Path tmp;
    @RegisterExtension
    static final SyntheticRunsExtension runs = new SyntheticRunsExtension();

    @Test
    void cudaWithoutCudaIsExitThreeNamingTheGpuBuild() {
        Path model = runs.modelFile(3, "nocuda", 1, 1, "");
        for (String cmd : new String[]{"train", "test"}) {
            MainTest.Run r = new MainTest.Run(cmd, "--config", model.toString(), "--runs", runs.runs().toString(),
                    "--device", "cuda", "--exp_id", "nocuda");
            assertEquals(ExitCodes.BAD_INPUT, r.code, cmd + ": " + r.err);
            assertTrue(r.err.contains("CUDA is not available") && r.err.contains("mvn -Pgpu package"), r.err);
        }
        MainTest.Run bench = new MainTest.Run("bench", "--model", "UDR18", "--device", "cuda:0");
        assertEquals(ExitCodes.BAD_INPUT, bench.code, bench.err);
        assertTrue(bench.err.contains("mvn -Pgpu package"), bench.err);
        MainTest.Run predict = new MainTest.Run("predict", "--checkpoint", tmp.resolve("none.pt").toString(),
                "--input", tmp.toString(), "--device", "cuda");
        assertEquals(ExitCodes.BAD_INPUT, predict.code, predict.err);
        assertFalse(Files.exists(runs.runs().resolve("UDR18/nocuda")), "nothing is written before the device is known");
    }

    @Test
    void aMalformedDeviceFlagIsAUsageError() {
        Path model = runs.modelFile(3, "badflag", 1, 1, "");
        MainTest.Run r = new MainTest.Run("train", "--config", model.toString(), "--device", "gpu:1");
        assertEquals(ExitCodes.USAGE, r.code, r.err);
        assertTrue(r.err.contains("--device: expected auto, cpu, cuda or cuda:N"), r.err);
    }

    @Test
    void aMalformedConfigDeviceNamesTheFileAndKey() {
        Path model = runs.modelFile(3, "badkey", 1, 1, "device: tpu\n");
        MainTest.Run r = new MainTest.Run("train", "--config", model.toString(), "--runs", runs.runs().toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code, r.err);
        assertTrue(r.err.contains("config.device") && r.err.contains("tpu") && r.err.contains(model.getFileName().toString()),
                r.err);
    }

    @Test
    void theFlagReplacesTheFilesDevice() {
        Path model = runs.modelFile(3, "flagwins", 1, 1, "device: cuda\n");
        MainTest.Run refused = new MainTest.Run("test", "--config", model.toString(), "--runs", runs.runs().toString());
        assertEquals(ExitCodes.BAD_INPUT, refused.code, refused.err);
        assertTrue(refused.err.contains("CUDA is not available"), refused.err);
        // with --device cpu the device is fine and the test stage goes on to look for the (missing) run
        MainTest.Run r = new MainTest.Run("test", "--config", model.toString(), "--runs", runs.runs().toString(),
                "--device", "cpu");
        assertEquals(ExitCodes.BAD_INPUT, r.code, r.err);
        assertFalse(r.err.contains("CUDA"), r.err);
        assertTrue(r.err.contains("flagwins"), r.err);
    }
}
