package org.unidefense.data.dataset;

import org.unidefense.UserInputException;
import org.unidefense.checkpoint.PythonValues;
import org.unidefense.checkpoint.PyTuple;
import org.unidefense.checkpoint.TorchSaveFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The datasets' index files: {@code torch.save} files (named {@code *.pickle}) holding a list of
 * index lines, a list of {@code (line, label)} tuples, or a dict of such lists.
 */
public final class IndexFiles {
    private IndexFiles() {
    }

    /**
     * The index lines of a list file. Entries may be strings or tuples/lists whose first item is
     * the line (FF++ stores {@code (path, label)} pairs).
     *
     * @throws UserInputException naming the file when it is missing or holds something else
     */
    public static List<String> lines(Path file) {
        Object root = load(file);
        if (!(root instanceof List<?> list)) {
            throw new UserInputException(file + ": expected a list of index lines, found "
                    + PythonValues.typeName(root));
        }
        return lines(file, list, "");
    }

    /** A dict of index-line lists by name (HQ-WMCA's {@code record.pickle}: directory → frames). */
    public static Map<String, List<String>> dictOfLines(Path file) {
        Object root = load(file);
        if (!(root instanceof Map<?, ?> map)) {
            throw new UserInputException(file + ": expected a dict of index-line lists, found "
                    + PythonValues.typeName(root));
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof List<?> v)) {
                throw new UserInputException(file + ": expected str keys and list values, found "
                        + PythonValues.typeName(e.getKey()) + " → " + PythonValues.typeName(e.getValue()));
            }
            out.put(k, lines(file, v, " under key '" + k + "'"));
        }
        return out;
    }

    private static Object load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": index file not found");
        }
        return TorchSaveFile.read(file).root();
    }

    private static List<String> lines(Path file, List<?> list, String where) {
        List<String> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            Object first = item instanceof PyTuple t && t.size() > 0 ? t.get(0)
                    : item instanceof List<?> l && !l.isEmpty() ? l.get(0) : item;
            if (!(first instanceof String s)) {
                throw new UserInputException(file + ": entry " + i + where + " is " + PythonValues.brief(item)
                        + "; expected an index line (str) or a tuple starting with one");
            }
            out.add(s);
        }
        return out;
    }
}
