package org.unidefense.data.loader;

/** The item indices of one batch and the epoch they were drawn in (which seeds their augmentation). */
record BatchPlan(long epoch, int[] indices) {
}
