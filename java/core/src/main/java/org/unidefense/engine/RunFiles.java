package org.unidefense.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.unidefense.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Writes a run's YAML and JSON files atomically. */
final class RunFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunFiles() {
    }

    static void writeYaml(Path file, Object value) {
        write(file, YAML, value);
    }

    static void writeJson(Path file, Object value) {
        write(file, JSON, value);
    }

    private static void write(Path file, ObjectMapper mapper, Object value) {
        try {
            String text = mapper.writeValueAsString(value);
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
