package org.unidefense.media;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** What a path holds, judged by its file name extension alone (case-insensitive). */
public enum MediaKind {
    /** A still picture OpenCV's imgcodecs can read. */
    IMAGE,
    /** A video container: MJPEG AVI through OpenCV, everything else through FFmpeg. */
    VIDEO,
    /** A text file listing one media path per line. */
    LIST,
    UNKNOWN;

    private static final Set<String> IMAGES = Set.of(
            "jpg", "jpeg", "jpe", "jfif", "png", "bmp", "dib", "tif", "tiff", "webp", "jp2",
            "pbm", "pgm", "ppm", "pnm", "pxm", "pfm", "sr", "ras", "exr", "hdr", "pic");
    private static final Set<String> VIDEOS = Set.of(
            "avi", "mjpeg", "mjpg", "mp4", "m4v", "mov", "mkv", "webm", "mpg", "mpeg", "wmv", "flv",
            "3gp", "ts", "mts", "m2ts", "ogv", "y4m");
    private static final Set<String> LISTS = Set.of("txt", "lst", "list");

    public static MediaKind of(Path path) {
        String ext = extension(path);
        if (IMAGES.contains(ext)) {
            return IMAGE;
        }
        if (VIDEOS.contains(ext)) {
            return VIDEO;
        }
        if (LISTS.contains(ext)) {
            return LIST;
        }
        return UNKNOWN;
    }

    /** The lower-case extension without the dot; empty when the name has none. */
    static String extension(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return "";
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot <= 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
