package org.unidefense.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class MediaKindTest {
    @Test
    void classifiesByExtensionIgnoringCase() {
        assertEquals(MediaKind.IMAGE, MediaKind.of(Path.of("a/b/face.JPG")));
        assertEquals(MediaKind.IMAGE, MediaKind.of(Path.of("x.webp")));
        assertEquals(MediaKind.IMAGE, MediaKind.of(Path.of("x.tiff")));
        assertEquals(MediaKind.VIDEO, MediaKind.of(Path.of("clip.avi")));
        assertEquals(MediaKind.VIDEO, MediaKind.of(Path.of("clip.Mp4")));
        assertEquals(MediaKind.VIDEO, MediaKind.of(Path.of("clip.mkv")));
        assertEquals(MediaKind.LIST, MediaKind.of(Path.of("inputs.txt")));
        assertEquals(MediaKind.LIST, MediaKind.of(Path.of("inputs.lst")));
    }

    @Test
    void unknownWithoutAKnownExtension() {
        assertEquals(MediaKind.UNKNOWN, MediaKind.of(Path.of("README")));
        assertEquals(MediaKind.UNKNOWN, MediaKind.of(Path.of(".png"))); // a hidden file, not an extension
        assertEquals(MediaKind.UNKNOWN, MediaKind.of(Path.of("model.pth")));
        assertEquals(MediaKind.UNKNOWN, MediaKind.of(Path.of("/")));
    }
}
