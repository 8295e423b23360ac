package org.unidefense.prepare;

import java.nio.file.Path;

/**
 * One source to turn into face crops: a video file, a folder of frame images (one video) or a
 * single image.
 *
 * @param source    the file or folder to read
 * @param name      how reports name it (its path relative to the input root)
 * @param outDir    the folder of its crops, relative to the output root ('/'-separated)
 * @param split     the split it belongs to
 * @param method    its method (FF++ method, Celeb-DF source, or the attack type of a user's data)
 * @param label     0 real, 1 fake
 */
public record VideoJob(Path source, String name, String outDir, String split, String method, int label) {
}
