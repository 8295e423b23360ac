package org.unidefense.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.unidefense.UserInputException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a YAML file into a {@link YamlNode} tree with line numbers, using Jackson's streaming
 * YAML parser (Jackson's own tree model drops locations). Syntax errors become a
 * {@link UserInputException} naming the file and line.
 */
public final class YamlTreeReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Path file;
    private final Consumer<String> warnings;

    private YamlTreeReader(Path file, Consumer<String> warnings) {
        this.file = file;
        this.warnings = warnings;
    }

    /**
     * Parses {@code file}; the document must be a mapping.
     *
     * @param warnings receives non-fatal findings such as duplicate keys (PyYAML keeps the last one,
     *                 and so do we)
     */
    public static YamlNode.Mapping readMapping(Path file, Consumer<String> warnings) {
        YamlNode root = new YamlTreeReader(file, warnings).read();
        if (root instanceof YamlNode.Mapping m) {
            return m;
        }
        if (root == null) {
            throw new UserInputException(file + ": the file is empty; expected a YAML mapping of keys");
        }
        throw new UserInputException(root.where() + ": expected a YAML mapping of keys at the top of the file, found "
                + YamlNode.describe(root));
    }

    private YamlNode read() {
        if (Files.isDirectory(file)) {
            throw new UserInputException(file + ": is a directory; expected a YAML file" + yamlFilesIn(file));
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser p = FACTORY.createParser(in)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return null;
            }
            return readValue(p, "", lineOf(p.currentTokenLocation()));
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": no such file");
        } catch (StreamReadException e) {
            JsonLocation at = e.getLocation();
            String column = at == null || at.getColumnNr() < 1 ? "" : ":" + at.getColumnNr();
            throw new UserInputException(file + ":" + lineOf(at) + column + ": malformed YAML: "
                    + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read the file: " + e.getMessage(), e);
        }
    }

    private YamlNode readValue(JsonParser p, String path, int keyLine) throws IOException {
        JsonToken t = p.currentToken();
        int line = lineOf(p.currentTokenLocation());
        switch (t) {
            case START_OBJECT -> {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int kLine = lineOf(p.currentTokenLocation());
                    p.nextToken();
                    YamlNode child = readValue(p, join(path, key), kLine);
                    if (entries.put(key, child) != null) {
                        warnings.accept(file + ":" + kLine + ": key '" + join(path, key)
                                + "' appears twice; the last value is used");
                    }
                }
                return new YamlNode.Mapping(file, keyLine, path, entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(p, path + "[" + items.size() + "]", lineOf(p.currentTokenLocation())));
                }
                return new YamlNode.Sequence(file, keyLine, path, items);
            }
            case VALUE_STRING -> {
                // YAML's special floats, read as PyYAML reads them; refused where a finite number is needed
                Double special = YAML_SPECIAL_FLOATS.get(p.getText());
                return new YamlNode.Scalar(file, line, path, special != null ? special : p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return new YamlNode.Scalar(file, line, path, p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                // the YAML parser tokenises .nan/.inf as floats but cannot convert them
                Double special = YAML_SPECIAL_FLOATS.get(p.getText());
                return new YamlNode.Scalar(file, line, path, special != null ? special : p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YamlNode.Scalar(file, line, path, t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(file, line, path, null);
            }
            default -> throw new UserInputException(file + ":" + line + ": unsupported YAML content at '"
                    + path + "' (" + t + ")");
        }
    }

    private static String yamlFilesIn(Path dir) {
        try (var files = Files.list(dir)) {
            List<String> names = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yml") || n.endsWith(".yaml")).sorted().limit(5).toList();
            return names.isEmpty() ? "" : " such as " + dir.resolve(names.get(0)) + " (it holds " + String.join(", ", names) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static final Map<String, Double> YAML_SPECIAL_FLOATS = specialFloats();

    private static Map<String, Double> specialFloats() {
        Map<String, Double> m = new java.util.HashMap<>();
        for (String nan : new String[] {".nan", ".NaN", ".NAN"}) {
            m.put(nan, Double.NaN);
        }
        for (String inf : new String[] {".inf", ".Inf", ".INF"}) {
            m.put(inf, Double.POSITIVE_INFINITY);
            m.put("+" + inf, Double.POSITIVE_INFINITY);
            m.put("-" + inf, Double.NEGATIVE_INFINITY);
        }
        return Map.copyOf(m);
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static int lineOf(JsonLocation loc) {
        return loc == null ? 0 : loc.getLineNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
