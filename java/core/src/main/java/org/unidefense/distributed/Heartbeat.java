package org.unidefense.distributed;

import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * Tells which peer is gone when a collective fails: every rank bumps a counter {@code hb/<rank>}
 * in the rendezvous store once per {@link #PERIOD_MS} from a daemon thread (own store connection).
 * After a failure, the ranks whose counter stands still over a few periods are the ones that died
 * or are frozen; if the store itself is unreachable, rank 0 (its server) is gone.
 */
final class Heartbeat implements AutoCloseable {
    static final long PERIOD_MS = 500;
    private static final long OBSERVE_MS = 5 * PERIOD_MS;

    private final TCPStore store;
    private final int rank;
    private final int world;
    private final Thread thread;
    private volatile boolean running = true;

    Heartbeat(DistEnv env) {
        TCPStoreOptions so = new TCPStoreOptions();
        so.port((short) env.masterPort());
        so.isServer(false);
        so.waitWorkers(false);
        so.timeout(new Milliseconds(10_000));
        this.store = new TCPStore(env.masterAddr(), so);
        this.rank = env.rank();
        this.world = env.worldSize();
        this.thread = new Thread(this::beat, "heartbeat-rank-" + rank);
        thread.setDaemon(true);
        thread.start();
    }

    private void beat() {
        String key = key(rank);
        while (running) {
            try {
                synchronized (store) {
                    store.add(key, 1);
                }
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                return; // the store is gone; the diagnosis reports it
            }
        }
    }

    private static String key(int r) {
        return "hb/" + r;
    }

    /** A phrase naming the silent ranks, e.g. {@code "no heartbeat from rank 1"}; blocks for a few periods. */
    String diagnose() {
        try {
            long[] before = counters();
            Thread.sleep(OBSERVE_MS);
            long[] after = counters();
            List<Integer> silent = new ArrayList<>();
            for (int r = 0; r < world; r++) {
                if (r != rank && after[r] == before[r]) {
                    silent.add(r);
                }
            }
            if (silent.isEmpty()) {
                return "every peer still has a heartbeat";
            }
            return "no heartbeat from rank" + (silent.size() > 1 ? "s " : " ")
                    + silent.toString().replaceAll("[\\[\\]]", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "diagnosis interrupted";
        } catch (RuntimeException e) {
            return "the rendezvous store on rank 0 is unreachable (rank 0 died?)";
        }
    }

    private long[] counters() {
        long[] c = new long[world];
        synchronized (store) {
            for (int r = 0; r < world; r++) {
                c[r] = store.add(key(r), 0);
            }
        }
        return c;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2 * PERIOD_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
