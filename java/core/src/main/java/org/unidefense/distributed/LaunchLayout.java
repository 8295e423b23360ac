package org.unidefense.distributed;

import org.unidefense.UserInputException;

/**
 * The process layout of a launch, as torchrun's flags: {@code nprocPerNode} workers on each of
 * {@code nnodes} nodes, this node being {@code nodeRank}; rank 0 (on node 0) serves the rendezvous
 * at {@code masterAddr:masterPort}.
 */
public record LaunchLayout(int nprocPerNode, int nnodes, int nodeRank, String masterAddr, int masterPort) {
    public LaunchLayout {
        if (nprocPerNode < 1) {
            throw new UserInputException("--nproc_per_node must be 1 or more, found " + nprocPerNode);
        }
        if (nnodes < 1 || nodeRank < 0 || nodeRank >= nnodes) {
            throw new UserInputException("--node_rank " + nodeRank + " is not in [0, --nnodes " + nnodes + ")");
        }
        if (masterPort < 1 || masterPort > 65535) {
            throw new UserInputException("--master_port " + masterPort + " is not a TCP port");
        }
    }

    public int worldSize() {
        return nprocPerNode * nnodes;
    }

    /** The environment of local worker {@code localRank} on this node. */
    public DistEnv worker(int localRank) {
        return new DistEnv(nodeRank * nprocPerNode + localRank, localRank, worldSize(), nprocPerNode, masterAddr,
                masterPort);
    }
}
