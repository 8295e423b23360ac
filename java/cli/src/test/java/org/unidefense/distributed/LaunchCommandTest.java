package org.unidefense.distributed;

import org.junit.jupiter.api.Test;
import org.unidefense.cli.ExitCodes;
import org.unidefense.cli.Main;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code unidefense launch}: the env contract reaches every worker, a failing worker fails the launch by rank. */
class LaunchCommandTest {

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void failingWorkerFailsTheLaunchNamingItsRankAndStopsTheOthers() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long t0 = System.nanoTime();
        int code = run(out, err, "launch", "--nproc_per_node", "3", "--master_port", Integer.toString(WorkerJvms.freePort()),
                "--grace_s", "2", "--main", DistTestWorker.class.getName(), "--", "exit", "7", "2");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(ExitCodes.RUNTIME, code, err.toString());
        assertTrue(err.toString().contains("launch failed: worker rank 2 (pid "), err.toString());
        assertTrue(err.toString().contains("exited with code 7"), err.toString());
        assertTrue(seconds < 60, "the others sleep 120 s; they must have been stopped, took " + seconds + " s");
    }

    @Test
    void everyWorkerGetsTheEnvContractAndItsOutputIsPrefixed() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "launch", "--nproc_per_node", "2", "--nnodes", "2", "--node_rank", "1",
                "--master_port", "29511", "--main", DistTestWorker.class.getName(), "--", "exit", "0", "-1");
        assertEquals(ExitCodes.OK, code, err.toString());
        // Node 1 of 2 with 2 processes each runs global ranks 2 and 3.
        assertTrue(out.toString().contains("[rank 2] env rank 2 of 4 (local 0 of 2)"), out.toString());
        assertTrue(out.toString().contains("[rank 3] env rank 3 of 4 (local 1 of 2)"), out.toString());
    }

    @Test
    void layoutIsChecked() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "launch", "--nnodes", "2", "--node_rank", "2", "--", "train");
        assertEquals(ExitCodes.BAD_INPUT, code);
        assertTrue(err.toString().contains("--node_rank 2 is not in [0, --nnodes 2)"), err.toString());
    }
}
