package org.unidefense.data.dataset;

import org.unidefense.UserInputException;
import org.unidefense.data.FaceBox;
import org.unidefense.data.Sample;

import java.util.ArrayList;
import java.util.List;

/**
 * One index line, {@code path [label x y w h [more numbers...]]}, split on single spaces as the
 * reference splits it: field 1 is the path, fields 3–6 the face box, the rest (e.g. five
 * landmark points) kept as numbers.
 */
public final class IndexLine {
    private IndexLine() {
    }

    /** The path: the line up to its first space. */
    public static String pathOf(String line) {
        int sp = line.indexOf(' ');
        return sp < 0 ? line : line.substring(0, sp);
    }

    /**
     * A sample from {@code line}.
     *
     * @param storeKey where its image is stored (see {@link Sample#storeKey()})
     * @param withBox  whether to keep the face box (false for sources the reference never crops)
     */
    public static Sample toSample(String line, String storeKey, int label, String method, String source,
                                  boolean withBox) {
        String[] f = line.split(" ", -1);
        String path = f[0];
        if (path.isEmpty()) {
            throw new UserInputException("index line '" + line + "' has an empty path");
        }
        FaceBox box = null;
        List<Double> rest = new ArrayList<>();
        if (withBox && f.length >= 6) {
            box = new FaceBox(integer(line, f[2]), integer(line, f[3]), integer(line, f[4]), integer(line, f[5]));
            for (int i = 6; i < f.length; i++) {
                if (!f[i].isBlank()) {
                    rest.add(number(line, f[i]));
                }
            }
        }
        return new Sample(path, storeKey, label, Sample.videoIdOf(path), method, source, box, rest);
    }

    private static int integer(String line, String field) {
        try {
            return Integer.parseInt(field.trim());
        } catch (NumberFormatException e) {
            // Python's int() would refuse "12.5"; a box written as floats is still usable truncated.
            return (int) number(line, field);
        }
    }

    private static double number(String line, String field) {
        try {
            return Double.parseDouble(field.trim());
        } catch (NumberFormatException e) {
            throw new UserInputException("index line '" + line + "': '" + field
                    + "' is not a number (expected: path label x y w h [landmarks...])");
        }
    }
}
