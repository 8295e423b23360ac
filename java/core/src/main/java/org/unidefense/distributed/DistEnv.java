package org.unidefense.distributed;

import org.unidefense.UserInputException;

import java.util.Map;

/**
 * Where this process sits in a multi-process run, read from torchrun's environment contract:
 * {@code RANK}, {@code LOCAL_RANK}, {@code WORLD_SIZE}, {@code LOCAL_WORLD_SIZE}, {@code MASTER_ADDR}
 * and {@code MASTER_PORT}. Without {@code WORLD_SIZE} the process runs alone, as rank 0 of 1.
 *
 * @param rank           global rank in [0, worldSize)
 * @param localRank      rank on this node (the device index on a GPU node)
 * @param worldSize      number of processes over all nodes
 * @param localWorldSize number of processes on this node
 * @param masterAddr     host of rank 0, which serves the rendezvous store
 * @param masterPort     port of the rendezvous store
 */
public record DistEnv(int rank, int localRank, int worldSize, int localWorldSize, String masterAddr, int masterPort) {
    public static final String RANK = "RANK";
    public static final String LOCAL_RANK = "LOCAL_RANK";
    public static final String WORLD_SIZE = "WORLD_SIZE";
    public static final String LOCAL_WORLD_SIZE = "LOCAL_WORLD_SIZE";
    public static final String MASTER_ADDR = "MASTER_ADDR";
    public static final String MASTER_PORT = "MASTER_PORT";
    static final int DEFAULT_PORT = 29500;

    public DistEnv {
        if (worldSize < 1 || rank < 0 || rank >= worldSize) {
            throw new UserInputException("distributed environment: RANK " + rank + " is not in [0, WORLD_SIZE "
                    + worldSize + ")");
        }
        if (localWorldSize < 1 || localRank < 0 || localRank >= localWorldSize) {
            throw new UserInputException("distributed environment: LOCAL_RANK " + localRank
                    + " is not in [0, LOCAL_WORLD_SIZE " + localWorldSize + ")");
        }
        if (masterPort < 1 || masterPort > 65535) {
            throw new UserInputException("distributed environment: MASTER_PORT " + masterPort + " is not a TCP port");
        }
    }

    /** A single process: rank 0 of 1. */
    public static DistEnv single() {
        return new DistEnv(0, 0, 1, 1, "127.0.0.1", DEFAULT_PORT);
    }

    /** From this process's environment; {@code cliLocalRank} is the reference's {@code -r/--local_rank}. */
    public static DistEnv fromSystem(int cliLocalRank) {
        return from(System.getenv(), cliLocalRank);
    }

    /**
     * From {@code env}. As under {@code torch.distributed.launch}, a {@code --local_rank} flag stands
     * for LOCAL_RANK (and for RANK on a single node) when the environment does not give them.
     */
    public static DistEnv from(Map<String, String> env, int cliLocalRank) {
        String world = env.get(WORLD_SIZE);
        if (world == null) {
            return single();
        }
        int worldSize = integer(env, WORLD_SIZE, 1);
        int localRank = integer(env, LOCAL_RANK, cliLocalRank);
        int rank = integer(env, RANK, localRank);
        int localWorld = integer(env, LOCAL_WORLD_SIZE, worldSize);
        String addr = env.getOrDefault(MASTER_ADDR, "127.0.0.1");
        int port = integer(env, MASTER_PORT, DEFAULT_PORT);
        return new DistEnv(rank, localRank, worldSize, localWorld, addr, port);
    }

    private static int integer(Map<String, String> env, String key, int fallback) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UserInputException("distributed environment: " + key + "=\"" + v + "\" is not an integer");
        }
    }

    public boolean isDistributed() {
        return worldSize > 1;
    }

    /** Rank 0 alone writes run directories, logs and checkpoints. */
    public boolean isWriter() {
        return rank == 0;
    }

    /** The variables a worker of this layout needs, for a launcher. */
    public Map<String, String> toEnvironment() {
        return Map.of(RANK, Integer.toString(rank), LOCAL_RANK, Integer.toString(localRank),
                WORLD_SIZE, Integer.toString(worldSize), LOCAL_WORLD_SIZE, Integer.toString(localWorldSize),
                MASTER_ADDR, masterAddr, MASTER_PORT, Integer.toString(masterPort));
    }

    @Override
    public String toString() {
        return "rank " + rank + " of " + worldSize + " (local " + localRank + " of " + localWorldSize + ")";
    }
}
