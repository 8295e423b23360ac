package org.unidefense.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    /** Runs the CLI in-process and captures both streams (other CLI tests reuse it). */
    public static final class Run {
        public final int code;
        public final String out;
        public final String err;

        public Run(String... args) {
            CommandLine cl = Main.commandLine();
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            cl.setOut(new PrintWriter(o));
            cl.setErr(new PrintWriter(e));
            code = cl.execute(args);
            out = o.toString();
            err = e.toString();
        }
    }

    @Test
    void helpListsExitCodes() {
        Run r = new Run("--help");
        assertEquals(0, r.code);
        assertTrue(r.out.contains("Exit codes:"), r.out);
        assertTrue(r.out.contains("bad input data or configuration"), r.out);
    }

    @Test
    void unknownFlagIsUsageError() {
        Run r = new Run("--no-such-flag");
        assertEquals(ExitCodes.USAGE, r.code);
        assertTrue(r.err.contains("Unknown option"), r.err);
    }

    @Test
    void versionNamesTheProject() {
        Run r = new Run("--version");
        assertEquals(0, r.code);
        assertTrue(r.out.startsWith("unidefense 0."), r.out);
    }
}
