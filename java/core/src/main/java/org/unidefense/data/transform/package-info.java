/**
 * Image augmentations with albumentations' (1.3) names, parameters and semantics, built from the
 * reference's YAML lists of {@code {name, params}} items by
 * {@link org.unidefense.data.transform.TransformPipeline#fromSpecs(java.util.List)}.
 *
 * <p>Images are HWC RGB uint8 OpenCV Mats, read as the reference reads them (OpenCV decode, then
 * BGR to RGB: {@link org.unidefense.data.transform.RgbImages}). Pixel arithmetic follows
 * albumentations exactly (float32 Normalize, float32 brightness/contrast tables, clip then
 * truncate, OpenCV for resize, blur, colour conversion and JPEG), so with the same random draws
 * the pixels match. The draws themselves come from a per-sample
 * {@link java.util.random.RandomGenerator} (e.g. {@link java.util.SplittableRandom}) using
 * Python's {@code random} formulas in albumentations' order; the stream differs from Python's
 * Mersenne Twister, so a given seed does not reproduce a Python run's crops.
 *
 * <p>The pipeline ends with the equivalent of {@code ToTensorV2}: a CHW float
 * {@link org.unidefense.data.transform.ChwImage}. Value transforms (noise, JPEG, colour) accept
 * uint8 images only, i.e. they must come before {@code Normalize}.
 */
package org.unidefense.data.transform;
