/**
 * Training: the reference's two-pass {@code train_unidefense_model} step ({@link
 * org.unidefense.train.TwoPassStep}), timm's weight-decay parameter groups, the optimizers of
 * {@code config.optimizer} on libtorch, and learning-rate schedules with PyTorch's Python
 * semantics driven from Java (warm-up, StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR,
 * CosineAnnealingWarmRestarts, the reference's ConstantLR). {@link
 * org.unidefense.train.TwoPassTraining} wires them from the configuration.
 */
package org.unidefense.train;
