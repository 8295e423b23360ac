package org.unidefense.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The binary distribution's launcher ({@code dist/bin/unidefense}, also what {@code ./unidefense}
 * runs) starts the CLI from any working directory and through a symbolic link, and says what is
 * wrong when it sits in no distribution.
 */
class DistLauncherTest {
    private static final Path LAUNCHER = Path.of("dist/bin/unidefense").toAbsolutePath();

    @TempDir
    Path dir;

    private record Result(int code, String out) {
    }

    private Result run(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("UNIDEFENSE_CLASSPATH");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    @Test
    void runsFromAnotherDirectoryThroughASymbolicLink() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("ud"), LAUNCHER);
        // the test's own class path stands in for lib/ (target/classes and the dependency jars)
        Result r = run(link, Map.of("UNIDEFENSE_CLASSPATH", System.getProperty("java.class.path"),
                "UNIDEFENSE_JAVA_OPTS", "-Xmx256m"), "--version");
        assertEquals(0, r.code(), r.out());
        assertTrue(r.out().startsWith("unidefense "), r.out());
    }

    @Test
    void aLauncherWithoutLibSaysSo() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("broken/bin"));
        Path copy = Files.copy(LAUNCHER, bin.resolve("unidefense"));
        Result r = run(copy, Map.of(), "--version");
        assertEquals(4, r.code(), r.out());
        assertTrue(r.out().contains("no lib/unidefense*.jar"), r.out());
    }
}
