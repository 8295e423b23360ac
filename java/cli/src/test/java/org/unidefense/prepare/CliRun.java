package org.unidefense.prepare;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.unidefense.cli.Main;
import picocli.CommandLine;

/** One command line run through {@link Main}, with its exit code and both outputs. */
final class CliRun {
    final int code;
    final String out;
    final String err;

    CliRun(String... args) {
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
