package org.unidefense.face;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bytedeco.javacpp.Loader;

/**
 * The Haar cascades that ship inside the OpenCV preset's native jar, as files: OpenCV's
 * {@code CascadeClassifier} loads from a path only. Each cascade is extracted once per process
 * (into JavaCPP's cache, where the preset's libraries already are, or a temporary file when
 * the cache cannot be used); nothing is downloaded.
 */
final class CascadeFiles {
    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private CascadeFiles() {
    }

    /** The file of a cascade, e.g. {@code haarcascade_frontalface_alt2.xml}. */
    static Path haar(String name) {
        return EXTRACTED.computeIfAbsent(name, CascadeFiles::extract);
    }

    private static Path extract(String name) {
        String resource = "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/haarcascades/" + name;
        if (CascadeFiles.class.getResource(resource) == null) {
            throw new IllegalStateException("the OpenCV jar for " + Loader.getPlatform()
                    + " has no cascade " + resource);
        }
        try {
            File cached = Loader.cacheResource(resource);
            if (cached != null && cached.isFile()) {
                return cached.toPath();
            }
        } catch (IOException | RuntimeException e) {
            // a read-only home directory: fall through to a temporary copy
        }
        try (InputStream in = CascadeFiles.class.getResourceAsStream(resource)) {
            Path copy = Files.createTempFile("unidefense-", "-" + name);
            copy.toFile().deleteOnExit();
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource + " to a temporary file", e);
        }
    }
}
