package org.unidefense.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is an interactive terminal, so that '\r' redraws make sense there. */
final class TerminalDetector {
    private TerminalDetector() {
    }

    static boolean stderrIsTerminal() {
        // Java 17 has no isatty for stderr; on Linux the descriptor's link names the device.
        Path fd2 = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd2)) {
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        // Elsewhere: a console exists only when stdin and stdout are terminals; the best guess we have.
        return System.console() != null;
    }
}
