/**
 * Datasets as the reference's engines read them: {@link org.unidefense.data.Sample}s (one per
 * frame: path, store key, label 0 real / 1 fake, video id, method, source dataset, optional face box
 * and landmarks), grouped into {@link org.unidefense.data.DatasetSplit}s (the samples one reference
 * loader iterates, with the {@link org.unidefense.data.ImageStore}s holding their encoded images),
 * and into a {@link org.unidefense.data.SplitIndex} per dataset file.
 *
 * <p>Frames-per-video resampling ({@link org.unidefense.data.FramesPerVideo}) draws from
 * {@link org.unidefense.data.NumpyRandom}, a re-implementation of numpy's legacy MT19937 generator,
 * seeded with 2022 for each part as each reference dataset object seeds numpy: the same frames are
 * picked as in the reference. {@link org.unidefense.data.FaceCrop} computes the rectangle a
 * {@code 4p} crop keeps; {@link org.unidefense.data.DataErrorPolicy} applies {@code data.on_error}.
 *
 * <p>Readers of the official layouts are in {@link org.unidefense.data.dataset}, stores in
 * {@link org.unidefense.data.store}, the synthetic dataset writer in
 * {@link org.unidefense.data.syntheticset}.
 */
package org.unidefense.data;
