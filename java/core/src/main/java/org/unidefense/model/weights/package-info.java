/**
 * Model weight files: ImageNet initialisation of the backbones ({@link org.unidefense.model.weights.ImageNetInit}),
 * checkpoints written by the reference's engines ({@link org.unidefense.model.weights.ReferenceCheckpoint}) and
 * this project's own checkpoints in the same layout ({@link org.unidefense.model.weights.ModelCheckpoint}).
 */
package org.unidefense.model.weights;
