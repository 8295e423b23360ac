package org.unidefense.checkpoint;

import org.unidefense.testing.Fixture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Puts fixture files on disk, where the reader (which takes a path) can open them. */
final class CheckpointFiles {
    private CheckpointFiles() {
    }

    /** The raw bytes of a gzipped fixture, e.g. {@code G_pretrained_format/x.fixture.pth.gz}. */
    static byte[] gunzipped(String resource) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Fixture.resourceBytes(resource)))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource outside the reference fixtures, e.g. {@code /checkpoint/x.pt}. */
    static byte[] resource(String absolute) {
        try (java.io.InputStream in = CheckpointFiles.class.getResourceAsStream(absolute)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + absolute);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a fixture file as it is into {@code dir}. */
    static Path copy(Path dir, String resource) {
        return write(dir, resource.substring(resource.lastIndexOf('/') + 1), Fixture.resourceBytes(resource));
    }

    /** Unzips a gzipped G fixture into {@code dir} under its name without {@code .gz}. */
    static Path gunzip(Path dir, String resource) {
        String name = resource.substring(resource.lastIndexOf('/') + 1).replaceAll("\\.gz$", "");
        return write(dir, name, gunzipped(resource));
    }
}
