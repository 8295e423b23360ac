package org.unidefense.distributed;

import org.junit.jupiter.api.Test;
import org.unidefense.UserInputException;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DistEnvTest {
    @Test
    void withoutWorldSizeTheProcessRunsAlone() {
        DistEnv e = DistEnv.from(Map.of(), 3);
        assertFalse(e.isDistributed());
        assertEquals(0, e.rank());
        assertTrue(e.isWriter());
    }

    @Test
    void readsTorchrunsContract() {
        DistEnv e = DistEnv.from(Map.of("RANK", "5", "LOCAL_RANK", "1", "WORLD_SIZE", "8", "LOCAL_WORLD_SIZE", "4",
                "MASTER_ADDR", "10.0.0.1", "MASTER_PORT", "1234"), 0);
        assertEquals(new DistEnv(5, 1, 8, 4, "10.0.0.1", 1234), e);
        assertFalse(e.isWriter());
        assertEquals(e, DistEnv.from(e.toEnvironment(), 0), "a launcher's environment reads back");
    }

    @Test
    void localRankFlagStandsInForTheLegacyLauncher() {
        // torch.distributed.launch passed --local_rank and set only WORLD_SIZE and the master address.
        DistEnv e = DistEnv.from(Map.of("WORLD_SIZE", "2"), 1);
        assertEquals(1, e.rank());
        assertEquals(1, e.localRank());
        assertEquals(2, e.localWorldSize());
    }

    @Test
    void badValuesNameTheVariable() {
        UserInputException a = assertThrows(UserInputException.class,
                () -> DistEnv.from(Map.of("WORLD_SIZE", "2", "RANK", "2"), 0));
        assertTrue(a.getMessage().contains("RANK 2 is not in [0, WORLD_SIZE 2)"), a.getMessage());
        UserInputException b = assertThrows(UserInputException.class,
                () -> DistEnv.from(Map.of("WORLD_SIZE", "two"), 0));
        assertTrue(b.getMessage().contains("WORLD_SIZE=\"two\""), b.getMessage());
    }

    @Test
    void layoutNumbersRanksNodeByNode() {
        LaunchLayout l = new LaunchLayout(2, 3, 1, "h", 29500);
        assertEquals(6, l.worldSize());
        assertEquals(new DistEnv(3, 1, 6, 2, "h", 29500), l.worker(1));
        assertEquals("was killed by signal 9 (exit code 137)", WorkerLauncher.describeExit(137));
        assertEquals("exited with code 3", WorkerLauncher.describeExit(3));
    }

    @Test
    void backendNames() {
        assertEquals(CommBackend.GLOO, CommBackend.parse(null));
        assertEquals(CommBackend.NCCL, CommBackend.parse("NCCL"));
        UserInputException e = assertThrows(UserInputException.class, () -> CommBackend.parse("mpi"));
        assertTrue(e.getMessage().contains("config.distribute.backend"), e.getMessage());
    }
}
