package org.unidefense.data.loader;

import org.unidefense.data.transform.ChwImage;

/**
 * One transformed image and the item it came from ({@code index} differs from the requested one
 * when a bad item was skipped).
 */
record LoadedSample(int index, ChwImage image) {
}
