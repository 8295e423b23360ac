package org.unidefense.media;

import java.nio.charset.StandardCharsets;

/** Recognises the common image formats by their first bytes, for error messages. */
final class ImageSignature {
    private ImageSignature() {
    }

    /** The format's name, or null when the bytes start like no known image format. */
    static String formatOf(byte[] b) {
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return "JPEG";
        }
        if (startsWith(b, 0x89, 'P', 'N', 'G')) {
            return "PNG";
        }
        if (startsWith(b, 'B', 'M')) {
            return "BMP";
        }
        if (startsWith(b, 'I', 'I', 0x2A, 0x00) || startsWith(b, 'M', 'M', 0x00, 0x2A)) {
            return "TIFF";
        }
        if (startsWith(b, 'G', 'I', 'F', '8')) {
            return "GIF";
        }
        if (startsWith(b, 'R', 'I', 'F', 'F') && b.length >= 12
                && new String(b, 8, 4, StandardCharsets.ISO_8859_1).equals("WEBP")) {
            return "WebP";
        }
        if (startsWith(b, 0x00, 0x00, 0x00, 0x0C, 'j', 'P') || startsWith(b, 0xFF, 0x4F, 0xFF, 0x51)) {
            return "JPEG 2000";
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
