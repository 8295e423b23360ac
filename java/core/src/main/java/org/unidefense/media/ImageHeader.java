package org.unidefense.media;

import java.util.Optional;

/**
 * The width and height an encoded image declares in its header (PNG IHDR, JPEG SOFn, BMP info
 * header, WebP VP8/VP8L/VP8X), read without decoding. A small file can declare a huge picture (a
 * decompression bomb: 2.6 MB of PNG for 30000×30000 pixels, 2.7 GB once decoded), so the size is
 * checked against the pixel limit before any decoder allocates it.
 */
public final class ImageHeader {
    private ImageHeader() {
    }

    /** Declared {@code {width, height}}; empty for other formats or a header too short to tell. */
    public static Optional<long[]> dimensions(byte[] b) {
        try {
            if (startsWith(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A) && b.length >= 24) {
                return Optional.of(new long[] {u32be(b, 16), u32be(b, 20)});
            }
            if (b.length >= 26 && b[0] == 'B' && b[1] == 'M') {
                return Optional.of(new long[] {Math.abs((long) s32le(b, 18)), Math.abs((long) s32le(b, 22))});
            }
            if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
                return jpeg(b);
            }
            if (b.length >= 30 && startsWith(b, 'R', 'I', 'F', 'F') && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                    && b[11] == 'P') {
                return webp(b);
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            // a header cut short: the decoder will report the file as truncated
        }
        return Optional.empty();
    }

    private static Optional<long[]> jpeg(byte[] b) {
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return Optional.empty();
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                i++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            int length = u16be(b, i + 2);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                return Optional.of(new long[] {u16be(b, i + 7), u16be(b, i + 5)});
            }
            if (marker == 0xDA || length < 2) {
                return Optional.empty();
            }
            i += 2 + length;
        }
        return Optional.empty();
    }

    private static Optional<long[]> webp(byte[] b) {
        String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
        switch (chunk) {
            case "VP8X" -> {
                long w = 1 + (u8(b, 24) | u8(b, 25) << 8 | u8(b, 26) << 16);
                long h = 1 + (u8(b, 27) | u8(b, 28) << 8 | u8(b, 29) << 16);
                return Optional.of(new long[] {w, h});
            }
            case "VP8L" -> {
                long bits = u8(b, 21) | u8(b, 22) << 8 | u8(b, 23) << 16 | (long) u8(b, 24) << 24;
                return Optional.of(new long[] {1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)});
            }
            case "VP8 " -> {
                return Optional.of(new long[] {u16le(b, 26) & 0x3FFF, u16le(b, 28) & 0x3FFF});
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static boolean startsWith(byte[] b, int... sig) {
        if (b.length < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if ((b[i] & 0xFF) != sig[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int u16be(byte[] b, int i) {
        return u8(b, i) << 8 | u8(b, i + 1);
    }

    private static int u16le(byte[] b, int i) {
        return u8(b, i) | u8(b, i + 1) << 8;
    }

    private static long u32be(byte[] b, int i) {
        return (long) u8(b, i) << 24 | u8(b, i + 1) << 16 | u8(b, i + 2) << 8 | u8(b, i + 3);
    }

    private static int s32le(byte[] b, int i) {
        return u8(b, i) | u8(b, i + 1) << 8 | u8(b, i + 2) << 16 | u8(b, i + 3) << 24;
    }
}
