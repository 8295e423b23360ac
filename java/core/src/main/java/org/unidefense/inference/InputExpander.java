package org.unidefense.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the {@code --input} arguments into items: a file is an image or, by its extension, a
 * video; a folder contributes its image and video files (recursively, sorted by path; other files
 * are skipped); {@code @list.txt} or a {@code .txt} file lists further paths, one per line
 * (blank lines and lines starting with {@code #} ignored, relative paths taken from the list's
 * folder). A missing path becomes an unusable item, so it is reported in order with the rest.
 */
public final class InputExpander {
    public static final Set<String> VIDEO_EXTENSIONS = Set.of("avi", "mp4", "mov", "mkv", "webm", "m4v", "mpg",
            "mpeg", "wmv", "flv", "3gp");
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp",
            "ppm", "pgm", "pbm", "jp2");

    private InputExpander() {
    }

    public static List<InputItem> expand(List<String> arguments) {
        List<InputItem> out = new ArrayList<>();
        for (String a : arguments) {
            if (a.startsWith("@")) {
                list(Path.of(a.substring(1)), out);
            } else {
                Path p = Path.of(a);
                if (Files.isRegularFile(p) && extension(p).equals("txt")) {
                    list(p, out);
                } else {
                    path(p, out);
                }
            }
        }
        if (out.isEmpty()) {
            // nothing to score is the user's mistake (an empty folder, a wrong glob), not a successful run
            throw new org.unidefense.UserInputException("no images or videos found in " + String.join(", ", arguments)
                    + " (folders are searched for image and video files by extension, e.g. .jpg .png .mp4 .avi)");
        }
        return out;
    }

    private static void list(Path listFile, List<InputItem> out) {
        List<String> lines;
        try {
            lines = Files.readAllLines(listFile);
        } catch (IOException e) {
            out.add(InputItem.unusable(listFile, "list file cannot be read (" + (Files.exists(listFile)
                    ? e.getMessage() : "no such file") + ")"));
            return;
        }
        for (String line : lines) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            path(Path.of(t), out);
        }
    }

    private static void path(Path p, List<InputItem> out) {
        if (Files.isDirectory(p)) {
            try (Stream<Path> files = Files.walk(p)) {
                files.filter(Files::isRegularFile).sorted()
                        .filter(f -> isVideo(f) || IMAGE_EXTENSIONS.contains(extension(f)))
                        .forEach(f -> out.add(isVideo(f) ? InputItem.video(f) : InputItem.image(f)));
            } catch (IOException | java.io.UncheckedIOException e) {
                out.add(InputItem.unusable(p, "folder cannot be listed (" + e.getMessage() + ")"));
            }
        } else if (!Files.exists(p)) {
            out.add(InputItem.unusable(p, "no such file or folder"));
        } else {
            out.add(isVideo(p) ? InputItem.video(p) : InputItem.image(p));
        }
    }

    public static boolean isVideo(Path p) {
        return VIDEO_EXTENSIONS.contains(extension(p));
    }

    static String extension(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
