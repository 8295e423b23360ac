package org.unidefense.distributed;

import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two Gloo processes with one real and one fake image each match one process with both pairs,
 * over two two-pass steps (pass-1 gradient carry 0.5, so the carried gradient matters; step 2
 * uses the KL mask consistency). The setting keeps the objective a mean over samples:
 * BatchNorm in eval mode (no SyncBatchNorm, decisions.md 6), the hard-mined triplet and the
 * factorization terms (batch-coupled) weighted 0, the decoder dropout mask drawn for the global
 * batch, and pass 2's perturbation scripted to the per-sample blur. Rank 1 starts from other
 * weights: the start-up broadcast must fix that.
 */
class DataParallelExactnessTest {
    private static final int STEPS = 2;

    @TempDir
    Path dir;

    @Test
    void twoProcessesMatchOneProcessOnTheUnionOfTheirBatches() throws Exception {
        int port = WorkerJvms.freePort();
        Process[] workers = new Process[2];
        for (int r = 0; r < 2; r++) {
            workers[r] = WorkerJvms.start(DistTestWorker.class, r, 2, port, dir, 60, "twopass",
                    dir.resolve("params" + r).toString(), Integer.toString(STEPS));
        }
        torch.set_num_threads(1);
        float[] single = DistTestWorker.train(null, 0, 1, STEPS, 100);
        float[] alone = DistTestWorker.train(null, 0, 2, STEPS, 100);
        for (int r = 0; r < 2; r++) {
            assertTrue(workers[r].waitFor(180, TimeUnit.SECONDS), "worker " + r + " did not finish");
            assertEquals(0, workers[r].exitValue(), () -> "worker failed:\n" + log(0) + log(1));
        }
        float[] rank0 = read(dir.resolve("params0"));
        float[] rank1 = read(dir.resolve("params1"));
        assertArrayEquals(rank0, rank1, 0f, "both ranks hold the same weights");

        double diff = maxAbsDiff(rank0, single);
        double noAveraging = maxAbsDiff(alone, single);
        System.out.printf("max |2 procs - 1 proc| = %.3g, without averaging %.3g%n", diff, noAveraging);
        assertTrue(diff < 2e-5, "2 processes vs 1: max difference " + diff);
        assertTrue(noAveraging > 1e-3, "rank 0's half alone must train differently, else the test proves nothing: "
                + noAveraging);
    }

    private String log(int r) {
        try {
            return Files.readString(dir.resolve("rank" + r + ".err")) + Files.readString(dir.resolve("rank" + r + ".out"));
        } catch (IOException e) {
            return "(no log of rank " + r + ")";
        }
    }

    static float[] read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            float[] v = new float[in.readInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.readFloat();
            }
            return v;
        }
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }
}
