package org.unidefense.perturb;

import org.bytedeco.pytorch.Tensor;

/** A perturbed batch and the record of how it was made. */
public record Perturbed(Tensor input, PerturbationRecord record) {
}
