/**
 * A procedural, seeded stand-in for the UniAttack benchmark: cartoon-like but varied faces
 * ({@link org.unidefense.data.synth.Identity}, {@link org.unidefense.data.synth.FrameJitter},
 * {@link org.unidefense.data.synth.FaceRenderer}), a camera model, and one renderer per attack
 * kind ({@link org.unidefense.data.synth.SampleKind}), each leaving its own consistent trace:
 *
 * <ul>
 *   <li>face swap: another identity's inner face generated at low resolution (blocks and a
 *       periodic stamp), partly colour-corrected, pasted with a narrow feather (seam); re-encoded;</li>
 *   <li>reenactment: the same person's lower face with another mouth opening, regenerated the
 *       same way with a slight tone drift; re-encoded;</li>
 *   <li>print: printer gamut, a 45-degree halftone screen, paper texture;</li>
 *   <li>replay: screen gamma and blue cast, pixel grid, moire, reflection;</li>
 *   <li>rigid mask: smoothed textureless skin, flat shading, a hard rim, eye holes;</li>
 *   <li>make-up, tattoo/paint strokes, tinted glasses.</li>
 * </ul>
 *
 * <p>{@link org.unidefense.data.synth.SyntheticFaces#render} is a pure function of (identity
 * seed, frame seed, kind). {@link org.unidefense.data.synth.SynthPreview} writes a PNG grid.
 */
package org.unidefense.data.synth;
