/**
 * The writer of the synthetic UniAttack-like dataset ({@code unidefense synth}): rendered bona-fide faces,
 * digital forgeries and physical attacks ({@link org.unidefense.data.synth}) written in the
 * UniAttack on-disk layout, so that the real readers and the dataset files in
 * {@code config_template/synthetic} run on it unchanged.
 */
package org.unidefense.data.syntheticset;
