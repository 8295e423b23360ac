/**
 * The input perturbations of the second training pass, batched: frequency and spatial style
 * transfer, CORAL colour alignment, white noise, Gaussian blur and nearest downscaling, and the
 * {@link org.unidefense.perturb.PerturbationPolicy} that chooses among them. Every random op
 * takes either a seeded generator or the explicit random values, so runs are repeatable and the
 * reference's recorded draws can be replayed.
 */
package org.unidefense.perturb;
