package org.unidefense.cli;

import org.unidefense.distributed.LaunchLayout;
import org.unidefense.distributed.WorkerLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code unidefense launch}: torchrun / {@code torch.distributed.launch} for this CLI. Starts
 * {@code --nproc_per_node} worker JVMs (this JVM's java binary, options and classpath) running
 * the given subcommand, with RANK, LOCAL_RANK, WORLD_SIZE, LOCAL_WORLD_SIZE, MASTER_ADDR and
 * MASTER_PORT set; run it once per node for a multi-node job.
 */
@Command(name = "launch",
        description = "Start N worker processes of a subcommand for multi-process training, as torchrun does "
                + "(e.g. launch --nproc_per_node 2 -- train --config model.yml).",
        mixinStandardHelpOptions = true)
public final class LaunchCommand implements Callable<Integer> {
    static final String CLI_MAIN = "org.unidefense.cli.Main";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nproc_per_node", paramLabel = "N", defaultValue = "1",
            description = "Worker processes on this node (default: ${DEFAULT-VALUE}).")
    int nprocPerNode;

    @Option(names = "--nnodes", paramLabel = "M", defaultValue = "1", description = "Number of nodes (default: ${DEFAULT-VALUE}).")
    int nnodes;

    @Option(names = "--node_rank", paramLabel = "R", defaultValue = "0", description = "This node's rank (default: ${DEFAULT-VALUE}).")
    int nodeRank;

    @Option(names = "--master_addr", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Address of node 0, where rank 0 serves the rendezvous (default: ${DEFAULT-VALUE}).")
    String masterAddr;

    @Option(names = "--master_port", paramLabel = "PORT", defaultValue = "29500",
            description = "Free TCP port on node 0 for the rendezvous (default: ${DEFAULT-VALUE}).")
    int masterPort;

    @Option(names = "--main", paramLabel = "CLASS", hidden = true, defaultValue = CLI_MAIN,
            description = "Main class of the workers (default: this CLI).")
    String mainClass;

    @Option(names = "--grace_s", paramLabel = "S", defaultValue = "5",
            description = "Seconds a worker may take to stop after a failure before it is killed (default: ${DEFAULT-VALUE}).")
    long graceSeconds;

    @Parameters(arity = "1..*", paramLabel = "COMMAND",
            description = "The worker's subcommand and its arguments, after --, e.g. -- train --config model.yml")
    List<String> workerArgs;

    @Override
    public Integer call() {
        LaunchLayout layout = new LaunchLayout(nprocPerNode, nnodes, nodeRank, masterAddr, masterPort);
        List<String> command = workerCommand(mainClass);
        command.addAll(workerArgs);
        PrintStream out = new PrintStream(new WriterStream(spec.commandLine().getOut()), true);
        PrintStream err = new PrintStream(new WriterStream(spec.commandLine().getErr()), true);
        WorkerLauncher.Outcome o = new WorkerLauncher(command, layout, Map.of(), out, err,
                Duration.ofSeconds(graceSeconds)).run();
        if (o.succeeded()) {
            return ExitCodes.OK;
        }
        spec.commandLine().getErr().println("launch failed: " + o.message());
        spec.commandLine().getErr().flush();
        return ExitCodes.RUNTIME;
    }

    /** This JVM's java binary and options (debug/coverage agents left out), classpath, then {@code main}. */
    static List<String> workerCommand(String main) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xrunjdwp")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main);
        return cmd;
    }

    /** picocli's writers as a byte stream for the output pumps. */
    private static final class WriterStream extends java.io.OutputStream {
        private final java.io.PrintWriter w;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        WriterStream(java.io.PrintWriter w) {
            this.w = w;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
        }

        @Override
        public synchronized void flush() {
            w.print(line.toString(java.nio.charset.StandardCharsets.UTF_8));
            w.flush();
            line.reset();
        }
    }
}
