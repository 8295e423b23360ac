package org.unidefense.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads the version Maven wrote into {@code version.properties}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/org/unidefense/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[]{
            "unidefense " + p.getProperty("version", "unknown"),
            "JVM: ${java.version} (${java.vendor} ${java.vm.name})",
            "libtorch 2.10.0 through the JavaCPP PyTorch preset 1.5.13"
        };
    }
}
