package org.unidefense.perturb;

/**
 * What a perturbation step drew and chose.
 *
 * @param kind            the perturbation applied
 * @param branchDraw      the uniform draw: above 0.5 selects the style branch
 * @param kindDraw        the integer draw selecting within the branch
 * @param realPermutation style partner of each real sample (indices into the real half), or null
 * @param fakePermutation style partner of each fake sample (indices into the fake half), or null
 */
public record PerturbationRecord(PerturbationKind kind, double branchDraw, long kindDraw,
                                 long[] realPermutation, long[] fakePermutation) {
}
