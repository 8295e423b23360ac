package org.unidefense.inference;

import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.UserInputException;
import org.unidefense.data.FaceBox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Face boxes given by the user ({@code --faces boxes.csv}): lines {@code path,x,y,w,h} or
 * {@code path,frame,x,y,w,h} (an optional header line starting with {@code path}); relative paths
 * are taken from the CSV's folder. A file without a line has no face. A line without a frame
 * applies to every frame of the file.
 */
public final class UserBoxes implements FaceSource {
    private static final int ANY_FRAME = -1;

    private final Map<Path, Map<Integer, List<FaceBox>>> boxes;

    private UserBoxes(Map<Path, Map<Integer, List<FaceBox>>> boxes) {
        this.boxes = boxes;
    }

    public static UserBoxes read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new UserInputException("--faces " + csv + ": cannot read the boxes file (" + (Files.exists(csv)
                    ? e.getMessage() : "no such file") + ")", e);
        }
        Path base = csv.toAbsolutePath().getParent();
        Map<Path, Map<Integer, List<FaceBox>>> out = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#") || n == 0 && line.toLowerCase().startsWith("path")) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 5 && f.length != 6) {
                throw bad(csv, n, "expected path,x,y,w,h or path,frame,x,y,w,h, found " + f.length + " fields");
            }
            int[] v = new int[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                try {
                    v[i - 1] = Integer.parseInt(f[i].strip());
                } catch (NumberFormatException e) {
                    throw bad(csv, n, "field " + (i + 1) + " '" + f[i].strip() + "' is not a whole number");
                }
            }
            int frame = f.length == 6 ? v[0] : ANY_FRAME;
            int o = f.length == 6 ? 1 : 0;
            if (v[o + 2] <= 0 || v[o + 3] <= 0) {
                throw bad(csv, n, "width and height must be positive");
            }
            out.computeIfAbsent(key(base.resolve(f[0].strip())), k -> new HashMap<>())
                    .computeIfAbsent(frame, k -> new ArrayList<>())
                    .add(new FaceBox(v[o], v[o + 1], v[o + 2], v[o + 3]));
        }
        return new UserBoxes(out);
    }

    private static UserInputException bad(Path csv, int line, String what) {
        return new UserInputException("--faces " + csv + " line " + (line + 1) + ": " + what);
    }

    private static Path key(Path p) {
        return p.toAbsolutePath().normalize();
    }

    @Override
    public List<FaceBox> faces(Path item, int frame, Mat bgr) {
        Map<Integer, List<FaceBox>> byFrame = item == null ? null : boxes.get(key(item));
        if (byFrame == null) {
            return List.of();
        }
        List<FaceBox> found = new ArrayList<>(byFrame.getOrDefault(frame, List.of()));
        found.addAll(byFrame.getOrDefault(ANY_FRAME, List.of()));
        found.sort(Comparator.comparingLong((FaceBox b) -> (long) b.width() * b.height()).reversed());
        return found;
    }
}
