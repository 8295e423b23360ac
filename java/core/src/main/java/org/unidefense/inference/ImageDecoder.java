package org.unidefense.inference;

import org.unidefense.media.Frame;
import org.unidefense.media.MediaException;

import java.nio.file.Path;

/** Decodes one image file to an 8-bit BGR frame (index 0). */
@FunctionalInterface
public interface ImageDecoder {
    /** @throws MediaException naming the file when it is missing, not an image, or corrupt */
    Frame decode(Path image);
}
