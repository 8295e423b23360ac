package org.unidefense.profile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a workload again in a child JVM with {@code ONEDNN_VERBOSE=profile_exec}: oneDNN reads
 * the variable once, when libtorch is loaded, so it cannot be switched on in a running process.
 * The child is this JVM's java with the same class path and memory flags (agents left out), and
 * its standard output goes to a file that {@link OneDnnVerbose} parses.
 */
public final class OneDnnChild {
    private OneDnnChild() {
    }

    /** What the child did: its exit code and where its log is. */
    public record Outcome(int exitCode, Path log, Path errors) {
    }

    /**
     * @param mainClass the CLI's main class
     * @param args      the CLI arguments of the child (e.g. {@code profile ... --onednn-child})
     */
    public static Outcome run(String mainClass, List<String> args, Path log, Path errors, long timeoutMinutes)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-Dorg.bytedeco.")) {
                cmd.add(a);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(log.toFile()).redirectError(errors.toFile());
        pb.environment().put("ONEDNN_VERBOSE", "profile_exec");
        Process p = pb.start();
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Outcome(-1, log, errors);
        }
        return new Outcome(p.exitValue(), log, errors);
    }

    /** The last lines of the child's error output, for a message. */
    public static String tail(Path errors, int lines) {
        try {
            List<String> all = Files.readAllLines(errors);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
