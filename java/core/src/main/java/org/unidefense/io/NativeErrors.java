package org.unidefense.io;

/**
 * Native libraries (libtorch, OpenCV, FFmpeg) report failures with their source paths, versions and,
 * for libtorch, a multi-line C++ stack trace. Messages to the user say what is wrong in our words;
 * the native text is appended only with {@code UNIDEFENSE_DEBUG=1}.
 */
public final class NativeErrors {
    private NativeErrors() {
    }

    /** Whether {@code UNIDEFENSE_DEBUG} is set (to anything but 0 or empty). */
    public static boolean debug() {
        String v = System.getenv("UNIDEFENSE_DEBUG");
        return v != null && !v.isEmpty() && !v.equals("0");
    }

    /** {@code " (native: <first line>)"} in debug mode, else nothing. */
    public static String detail(Throwable e) {
        if (!debug() || e.getMessage() == null) {
            return "";
        }
        return " (native: " + e.getMessage().lines().findFirst().orElse("").trim() + ")";
    }
}
