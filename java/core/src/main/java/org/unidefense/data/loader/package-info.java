/**
 * The batch loader between the dataset parts ({@link org.unidefense.data.DatasetSplit}) and the
 * model: the reference's {@code DistributedSampler} + {@code DataLoader} + {@code load_item}.
 *
 * <ul>
 *   <li>{@link org.unidefense.data.loader.DistributedSampler} decides which items a process reads
 *       per epoch, with torch's partition, padding and {@code drop_last} rules; its shuffled order
 *       comes from a Java generator, so it is not the order Python's {@code torch.randperm} gives.</li>
 *   <li>{@link org.unidefense.data.loader.BatchLoader} reads, decodes (OpenCV, RGB), crops (the face
 *       box plus margin) and transforms every item on {@code data.num_workers} threads, straight
 *       into one NCHW float buffer per {@link org.unidefense.data.loader.Batch}, a bounded number
 *       of batches ahead. Each sample draws its random choices (margin, augmentation) from a
 *       generator seeded by (seed, epoch, item index), so batches do not depend on the number of
 *       threads or their timing. The reference instead draws from numpy's and albumentations'
 *       process-global generators, which no port can replay; its runs are not bit-reproducible
 *       either. One more difference: with a margin range, the reference's {@code load_item}
 *       overwrites its {@code margin} argument with the first image's draw, so every image of a
 *       batch gets that one margin; here each image draws its own.</li>
 *   <li>{@link org.unidefense.data.loader.PairedBatches} concatenates a real and a fake batch per
 *       step, real first, as the forgery and UniAttack engines do.</li>
 *   <li>For step-based training, {@link org.unidefense.data.loader.BatchLoader#forever} moves to the
 *       next epoch (a new permutation) when one ends. The reference calls {@code set_epoch(step)}
 *       with the step number at each wrap; here epochs count 0, 1, 2, ...: a different seed, the
 *       same semantics.</li>
 *   <li>Bad items follow {@code on_error}: {@code fail} stops with an error naming the item;
 *       {@code skip} logs and counts it and loads the next item of the part in its place.</li>
 * </ul>
 */
package org.unidefense.data.loader;
