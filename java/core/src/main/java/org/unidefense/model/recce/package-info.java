/**
 * RECCE ("End-to-End Reconstruction-Classification Learning for Face Forgery Detection",
 * CVPR 2022): a timm legacy Xception encoder whose middle flow is fused with a reconstruction
 * decoder through graph reasoning and reconstruction-guided attention. Parameter names equal
 * the reference's state-dict keys, so RECCE checkpoints load unchanged.
 */
package org.unidefense.model.recce;
