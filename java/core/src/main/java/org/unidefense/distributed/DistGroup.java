package org.unidefense.distributed;

import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.AllgatherOptions;
import org.bytedeco.pytorch.AllreduceOptions;
import org.bytedeco.pytorch.Backend;
import org.bytedeco.pytorch.BarrierOptions;
import org.bytedeco.pytorch.BroadcastOptions;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.ReduceOp;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Work;
import org.bytedeco.pytorch.gloo.Device;
import org.unidefense.tensor.DeviceSpec;
import org.unidefense.tensor.Placement;
import org.bytedeco.pytorch.nccl.ProcessGroupNCCL;

import java.time.Duration;

import static org.bytedeco.pytorch.global.torch.empty;

/**
 * A c10d process group through the preset: a {@code TCPStore} rendezvous served by rank 0 at
 * MASTER_ADDR:MASTER_PORT, then {@code ProcessGroupGloo} (CPU) or {@code ProcessGroupNCCL} (GPU).
 * Every collective is synchronous and bounded by the group's timeout; a failure (a peer that died,
 * hung or never joined) becomes a {@link DistributedException} naming this rank and the operation.
 * Build one per process, outside any PointerScope, and close it at the end of the run.
 */
public final class DistGroup implements AutoCloseable {
    private final DistEnv env;
    private final CommBackend kind;
    private final Duration timeout;
    private final TCPStore store;
    private final Backend backend;
    private final Object options;
    /** NCCL's GPU (host tensors such as logged losses and scores are copied there and back); null for Gloo. */
    private org.bytedeco.pytorch.Device ncclDevice;
    private Heartbeat heartbeat;

    private DistGroup(DistEnv env, CommBackend kind, Duration timeout, TCPStore store, Backend backend, Object options) {
        this.env = env;
        this.kind = kind;
        this.timeout = timeout;
        this.store = store;
        this.backend = backend;
        this.options = options;
    }

    /** Joins the group of {@code env}; blocks until every rank has joined or the timeout passes. */
    public static DistGroup open(DistEnv env, CommBackend kind, Duration timeout) {
        return open(env, kind, timeout, kind == CommBackend.NCCL ? DeviceSpec.cuda(env.localRank()) : DeviceSpec.CPU);
    }

    /** As {@link #open(DistEnv, CommBackend, Duration)}; NCCL runs on {@code device}, this worker's GPU. */
    public static DistGroup open(DistEnv env, CommBackend kind, Duration timeout, DeviceSpec device) {
        if (kind == CommBackend.NCCL && !device.isCuda()) {
            throw new IllegalArgumentException("the nccl backend needs a CUDA device, not " + device);
        }
        Milliseconds ms = new Milliseconds(timeout.toMillis());
        TCPStore store;
        try {
            TCPStoreOptions so = new TCPStoreOptions();
            so.port((short) env.masterPort());
            so.isServer(env.rank() == 0);
            so.waitWorkers(false);
            so.timeout(ms);
            store = new TCPStore(env.masterAddr(), so);
        } catch (RuntimeException e) {
            throw new DistributedException("rank " + env.rank() + ": cannot reach the rendezvous store at "
                    + env.masterAddr() + ":" + env.masterPort() + " within " + timeout.toSeconds() + " s ("
                    + (env.rank() == 0 ? "is the port free?" : "is rank 0 running?") + "): " + e.getMessage(), e);
        }
        try {
            if (kind == CommBackend.NCCL) {
                // Written against the preset's API; not run here (no GPU on the build machine).
                // One GPU per worker: NCCL's communicators and barriers use the current device.
                org.bytedeco.pytorch.global.torch_cuda.set_device((byte) device.index());
                ProcessGroupNCCL.Options o = ProcessGroupNCCL.Options.create();
                o.timeout(ms);
                DistGroup g = new DistGroup(env, kind, timeout, store,
                        new ProcessGroupNCCL(store, env.rank(), env.worldSize(), o), o);
                g.ncclDevice = device.toTorch();
                return withHeartbeat(g);
            }
            ProcessGroupGloo.Options o = ProcessGroupGloo.Options.create(ms);
            o.devices().push_back(glooDevice(env));
            return withHeartbeat(new DistGroup(env, kind, timeout, store,
                    new ProcessGroupGloo(store, env.rank(), env.worldSize(), o), o));
        } catch (RuntimeException e) {
            throw new DistributedException("rank " + env.rank() + ": the " + kind.configName() + " group of "
                    + env.worldSize() + " did not form within " + timeout.toSeconds() + " s (a rank never joined?): "
                    + e.getMessage(), e);
        }
    }

    private static DistGroup withHeartbeat(DistGroup g) {
        g.heartbeat = new Heartbeat(g.env);
        return g;
    }

    /**
     * Gloo's transport address: GLOO_SOCKET_IFNAME when set (as in PyTorch), loopback for a
     * single-node run on 127.0.0.1, otherwise the address this host's name resolves to.
     */
    private static Device glooDevice(DistEnv env) {
        String iface = System.getenv("GLOO_SOCKET_IFNAME");
        if (iface != null && !iface.isBlank()) {
            return ProcessGroupGloo.createDeviceForInterface(iface.split(",")[0]);
        }
        boolean singleNode = env.localWorldSize() == env.worldSize();
        if (singleNode && (env.masterAddr().equals("127.0.0.1") || env.masterAddr().equals("localhost"))) {
            return ProcessGroupGloo.createDeviceForHostname("127.0.0.1");
        }
        return ProcessGroupGloo.createDefaultDevice();
    }

    public DistEnv env() {
        return env;
    }

    public int rank() {
        return env.rank();
    }

    public int worldSize() {
        return env.worldSize();
    }

    public CommBackend kind() {
        return kind;
    }

    public Duration timeout() {
        return timeout;
    }

    /** Sums {@code t} over all ranks, in place. */
    public void allreduceSum(Tensor t) {
        AllreduceOptions o = new AllreduceOptions();
        o.reduceOp(new ReduceOp(ReduceOp.RedOpType.SUM));
        o.timeout(new Milliseconds(timeout.toMillis()));
        Tensor d = onGroupDevice(t);
        await(() -> backend.allreduce(new TensorVector(d), o), "all-reduce");
        copyBack(d, t);
    }

    /** Overwrites {@code t} with rank {@code root}'s values. */
    public void broadcast(Tensor t, int root) {
        BroadcastOptions o = new BroadcastOptions();
        o.rootRank(root);
        o.rootTensor(0);
        o.timeout(new Milliseconds(timeout.toMillis()));
        Tensor d = onGroupDevice(t);
        await(() -> backend.broadcast(new TensorVector(d), o), "broadcast");
        copyBack(d, t);
    }

    /** Every rank's {@code t} (same shape on all ranks), stacked as [world, ...t.shape], on every rank. */
    public Tensor allgather(Tensor t) {
        // c10d's flat all-gather concatenates the ranks' inputs along dimension 0.
        Tensor input = onGroupDevice(t).contiguous().reshape(-1);
        long[] shape = new long[(int) t.dim() + 1];
        shape[0] = worldSize();
        for (int d = 0; d < t.dim(); d++) {
            shape[d + 1] = t.size(d);
        }
        Tensor output = empty(new long[]{worldSize() * input.numel()}, input.options(), new MemoryFormatOptional());
        AllgatherOptions o = new AllgatherOptions();
        o.timeout(new Milliseconds(timeout.toMillis()));
        await(() -> backend._allgather_base(output, input, o), "all-gather");
        return Placement.onDeviceOf(output.view(shape), t);
    }

    /** {@code t} where the backend can reduce it: NCCL takes only GPU tensors; Gloo takes {@code t} as it is. */
    private Tensor onGroupDevice(Tensor t) {
        return ncclDevice == null ? t : Placement.toDevice(t, ncclDevice);
    }

    /** After an in-place collective on a copy, the result goes back into the caller's tensor. */
    private static void copyBack(Tensor used, Tensor original) {
        if (used != original) {
            original.copy_(used);
        }
    }

    /** Waits until every rank arrives. */
    public void barrier() {
        BarrierOptions o = new BarrierOptions();
        o.timeout(new Milliseconds(timeout.toMillis()));
        await(() -> backend.barrier(o), "barrier");
    }

    private void await(java.util.function.Supplier<Work> start, String op) {
        try {
            Work w = start.get();
            if (!w._wait(new Milliseconds(timeout.toMillis()))) {
                throw new DistributedException(describe(op) + " did not complete within " + timeout.toSeconds()
                        + " s; " + heartbeat.diagnose());
            }
        } catch (DistributedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DistributedException(describe(op) + " failed (a peer died or hung past the "
                    + timeout.toSeconds() + " s timeout); " + heartbeat.diagnose() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private String describe(String op) {
        return "rank " + rank() + " of " + worldSize() + ": " + kind.configName() + " " + op;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.close();
        }
        backend.close();
        store.close();
        if (options instanceof org.bytedeco.javacpp.Pointer p) {
            p.close();
        }
    }
}
