package org.unidefense.tensor;

import org.junit.jupiter.api.Test;
import org.unidefense.UserInputException;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing of auto|cpu|cuda|cuda:N, resolution against the GPUs present, and -r / LOCAL_RANK. */
class DeviceSpecTest {
    /** A machine with {@code n} GPUs. */
    private static DeviceSpec.CudaProbe gpus(int n) {
        return new DeviceSpec.CudaProbe() {
            @Override
            public boolean available() {
                return n > 0;
            }

            @Override
            public int deviceCount() {
                return n;
            }
        };
    }

    @Test
    void parsesTheFourFormsIgnoringCaseAndBlanks() {
        assertEquals(DeviceSpec.AUTO, DeviceSpec.parse("auto", "k"));
        assertEquals(DeviceSpec.CPU, DeviceSpec.parse(" CPU ", "k"));
        assertEquals(new DeviceSpec(DeviceSpec.Kind.CUDA, -1), DeviceSpec.parse("cuda", "k"));
        assertEquals(DeviceSpec.cuda(3), DeviceSpec.parse("cuda:3", "k"));
        assertEquals("cuda:3", DeviceSpec.parse("Cuda:3", "k").toString());
        assertEquals("cuda", DeviceSpec.parse("cuda", "k").toString());
    }

    @Test
    void rejectsAnythingElseNamingWhereItCameFrom() {
        for (String bad : new String[]{"", "tpu", "cuda:", "cuda:x", "cuda:-1", "cuda:0:1", "mps", "cpu:0"}) {
            UserInputException e = assertThrows(UserInputException.class, () -> DeviceSpec.parse(bad, "--device"), bad);
            assertTrue(e.getMessage().startsWith("--device: expected auto, cpu, cuda or cuda:N"), e.getMessage());
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void autoIsTheCpuWithoutCudaAndTheLocalRanksGpuWithIt() {
        assertEquals(DeviceSpec.CPU, DeviceSpec.AUTO.resolve(0, gpus(0)));
        assertEquals(DeviceSpec.CPU, DeviceSpec.AUTO.resolve(3, gpus(0)));
        assertEquals(DeviceSpec.cuda(0), DeviceSpec.AUTO.resolve(0, gpus(2)));
        assertEquals(DeviceSpec.cuda(1), DeviceSpec.AUTO.resolve(1, gpus(2)));
    }

    @Test
    void cudaTakesTheLocalRankAndAnExplicitIndexWins() {
        DeviceSpec cuda = DeviceSpec.parse("cuda", "k");
        assertEquals(DeviceSpec.cuda(1), cuda.resolve(1, gpus(4)));
        assertEquals(DeviceSpec.cuda(2), DeviceSpec.cuda(2).resolve(1, gpus(4)));
        assertEquals(DeviceSpec.CPU, DeviceSpec.CPU.resolve(1, gpus(4)), "cpu stays cpu on a GPU machine");
    }

    @Test
    void cudaWithoutCudaIsABadInputNamingTheGpuBuild() {
        for (String requested : new String[]{"cuda", "cuda:0"}) {
            UserInputException e = assertThrows(UserInputException.class,
                    () -> DeviceSpec.parse(requested, "k").resolve(0, gpus(0)));
            assertTrue(e.getMessage().contains("CUDA is not available"), e.getMessage());
            assertTrue(e.getMessage().contains("mvn -Pgpu package"), e.getMessage());
        }
    }

    @Test
    void anIndexPastTheGpusPresentIsABadInput() {
        UserInputException e = assertThrows(UserInputException.class, () -> DeviceSpec.cuda(2).resolve(0, gpus(2)));
        assertTrue(e.getMessage().contains("selects cuda:2, but this machine has 2 CUDA devices"), e.getMessage());
        // -r 3 on a 2-GPU machine: the rank is named as the reason
        e = assertThrows(UserInputException.class, () -> DeviceSpec.AUTO.resolve(3, gpus(2)));
        assertTrue(e.getMessage().contains("with local rank 3 selects cuda:3"), e.getMessage());
    }

    @Test
    void thisBuildOnThisMachineHasNoCuda() {
        // libtorch's own probe: the CPU build (and this GPU-less machine) report no CUDA
        assertFalse(DeviceSpec.CudaProbe.LIBTORCH.available());
        assertEquals(DeviceSpec.CPU, DeviceSpec.AUTO.resolve(0));
        assertThrows(UserInputException.class, () -> DeviceSpec.parse("cuda", "k").resolve(0));
    }

    @Test
    void localRankComesFromTheLaunchersEnvironmentElseFromMinusR() {
        assertEquals(2, DeviceSpec.localRank(Map.of(), 2));
        assertEquals(1, DeviceSpec.localRank(Map.of("LOCAL_RANK", "1", "RANK", "5"), 0));
        assertEquals(1, DeviceSpec.localRank(Map.of("LOCAL_RANK", " 1 "), 3), "the environment wins over -r");
        assertEquals(3, DeviceSpec.localRank(Map.of("LOCAL_RANK", ""), 3));
        UserInputException e = assertThrows(UserInputException.class,
                () -> DeviceSpec.localRank(Map.of("LOCAL_RANK", "one"), 0));
        assertTrue(e.getMessage().contains("LOCAL_RANK=\"one\""), e.getMessage());
        // LOCAL_RANK 1 under launch on a 2-GPU node: the worker's GPU
        assertEquals(DeviceSpec.cuda(1), DeviceSpec.AUTO.resolve(DeviceSpec.localRank(Map.of("LOCAL_RANK", "1"), 0), gpus(2)));
    }

    @Test
    void onlyAResolvedSpecNamesALibtorchDevice() {
        assertTrue(DeviceSpec.CPU.toTorch().is_cpu());
        assertThrows(IllegalStateException.class, DeviceSpec.AUTO::toTorch);
        assertThrows(IllegalStateException.class, () -> DeviceSpec.parse("cuda", "k").toTorch());
    }
}
