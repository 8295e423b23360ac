package org.unidefense.face;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.unidefense.UserInputException;
import org.unidefense.data.FaceBox;

/**
 * Face boxes given by the user instead of detected: a UTF-8 CSV with one box per line,
 * {@code path,frame,x,y,w,h} (pixels of the decoded picture; frame 0 for an image, the stream
 * index for a video frame). The header line {@code path,frame,x,y,w,h} is optional, blank lines
 * and lines starting with {@code #} are skipped, and a frame may have several lines (several
 * faces). Relative paths are relative to the CSV's folder. The path is everything before the
 * last five commas, so names with commas need no quoting (double quotes around it are removed).
 * <p>
 * Immutable and thread-safe once read.
 */
public final class BoxesFile {
    private static final String HEADER = "path,frame,x,y,w,h";
    private static final String[] NUMBER_FIELDS = {"frame", "x", "y", "w", "h"};

    private final Path file;
    private final Map<Key, List<Line>> boxes;
    private final Set<Path> media;

    private BoxesFile(Path file, Map<Key, List<Line>> boxes, Set<Path> media) {
        this.file = file;
        this.boxes = boxes;
        this.media = media;
    }

    /** @throws UserInputException naming the file and line when it cannot be read or parsed */
    public static BoxesFile read(Path csv) {
        Map<Key, List<Line>> boxes = new HashMap<>();
        Set<Path> media = new HashSet<>();
        Path base = csv.toAbsolutePath().getParent();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            boolean first = true;
            while ((text = in.readLine()) != null) {
                number++;
                String line = (number == 1 ? text.replace("\uFEFF", "") : text).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (first && line.replace(" ", "").equalsIgnoreCase(HEADER)) {
                    first = false;
                    continue;
                }
                first = false;
                Line parsed = parse(csv, number, line, base);
                media.add(parsed.path);
                boxes.computeIfAbsent(new Key(parsed.path, parsed.frame), k -> new ArrayList<>()).add(parsed);
            }
        } catch (NoSuchFileException e) {
            throw new UserInputException(csv + ": boxes file not found");
        } catch (CharacterCodingException e) {
            throw new UserInputException(csv + ": boxes file is not UTF-8 text");
        } catch (IOException e) {
            throw new UserInputException(csv + ": cannot read the boxes file (" + e.getMessage() + ")", e);
        }
        boxes.values().forEach(list -> list.sort(
                Comparator.comparingLong((Line l) -> (long) l.box.width() * l.box.height()).reversed()));
        return new BoxesFile(csv, boxes, media);
    }

    /** The boxes of one frame of one media file, largest first; empty when the file lists none. */
    public List<FaceBox> boxes(Path mediaFile, int frame) {
        List<Line> lines = boxes.get(new Key(normalize(mediaFile), frame));
        return lines == null ? List.of() : lines.stream().map(Line::box).toList();
    }

    /** Whether any line names this media file. */
    public boolean covers(Path mediaFile) {
        return media.contains(normalize(mediaFile));
    }

    /**
     * The boxes of one frame as a {@link FaceDetector}: it ignores the pixels, but checks that
     * every box lies inside the picture it is applied to.
     */
    public FaceDetector forFrame(Path mediaFile, int frame) {
        Path key = normalize(mediaFile);
        return bgr -> {
            List<Line> lines = boxes.getOrDefault(new Key(key, frame), List.of());
            for (Line l : lines) {
                FaceBox b = l.box;
                if (b.x() + b.width() > bgr.cols() || b.y() + b.height() > bgr.rows()) {
                    throw new UserInputException(file + ":" + l.number + ": box " + b.x() + "," + b.y() + ","
                            + b.width() + "," + b.height() + " reaches outside the " + bgr.cols() + "x"
                            + bgr.rows() + " picture of " + mediaFile + " frame " + frame);
                }
            }
            return lines.stream().map(Line::box).toList();
        };
    }

    private static Line parse(Path csv, int number, String line, Path base) {
        String[] parts = splitFromRight(line);
        if (parts == null) {
            throw new UserInputException(csv + ":" + number + ": expected 6 comma-separated fields "
                    + HEADER + ", got '" + line + "'");
        }
        String path = unquote(parts[0].strip());
        if (path.isEmpty()) {
            throw new UserInputException(csv + ":" + number + ": the path field is empty");
        }
        int[] values = new int[5];
        for (int i = 0; i < 5; i++) {
            String field = parts[i + 1].strip();
            try {
                values[i] = Integer.parseInt(field);
            } catch (NumberFormatException e) {
                throw new UserInputException(csv + ":" + number + ": field '" + NUMBER_FIELDS[i]
                        + "' must be an integer, got '" + field + "' (an optional header is exactly " + HEADER + ")");
            }
        }
        if (values[0] < 0 || values[1] < 0 || values[2] < 0) {
            throw new UserInputException(csv + ":" + number + ": frame, x and y must be 0 or more, got "
                    + values[0] + ", " + values[1] + ", " + values[2]);
        }
        if (values[3] <= 0 || values[4] <= 0) {
            throw new UserInputException(csv + ":" + number + ": w and h must be positive, got "
                    + values[3] + ", " + values[4]);
        }
        Path resolved;
        try {
            resolved = normalize(base.resolve(path));
        } catch (java.nio.file.InvalidPathException e) {
            throw new UserInputException(csv + ":" + number + ": '" + path + "' is not a valid path");
        }
        return new Line(resolved, values[0], new FaceBox(values[1], values[2], values[3], values[4]), number);
    }

    /** The path (which may itself hold commas) and the five numbers, or null when there are too few commas. */
    private static String[] splitFromRight(String line) {
        String[] parts = new String[6];
        int end = line.length();
        for (int i = 5; i >= 1; i--) {
            int comma = line.lastIndexOf(',', end - 1);
            if (comma < 0) {
                return null;
            }
            parts[i] = line.substring(comma + 1, end);
            end = comma;
        }
        parts[0] = line.substring(0, end);
        return parts;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        }
        return s;
    }

    private static Path normalize(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private record Key(Path path, int frame) {
    }

    private record Line(Path path, int frame, FaceBox box, int number) {
    }
}
