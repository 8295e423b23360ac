package org.unidefense.distributed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts worker JVMs on the test classpath with torchrun's environment. */
final class WorkerJvms {
    private WorkerJvms() {
    }

    /** A TCP port nobody listens on right now. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The java binary, heap and classpath of this JVM, then {@code mainClass}. */
    static List<String> javaCommand(Class<?> mainClass) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.add("-Xmx1g");
        cmd.add("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        return cmd;
    }

    /** Starts rank {@code rank} of {@code world} on 127.0.0.1:{@code port}, output to files under {@code dir}. */
    static Process start(Class<?> mainClass, int rank, int world, int port, Path dir, long timeoutSeconds,
                         String... args) throws IOException {
        List<String> cmd = javaCommand(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(new DistEnv(rank, rank, world, world, "127.0.0.1", port).toEnvironment());
        pb.environment().put("DIST_TIMEOUT_S", Long.toString(timeoutSeconds));
        pb.redirectOutput(dir.resolve("rank" + rank + ".out").toFile());
        pb.redirectError(dir.resolve("rank" + rank + ".err").toFile());
        return pb.start();
    }
}
