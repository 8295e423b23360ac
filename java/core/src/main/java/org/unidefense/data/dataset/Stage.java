package org.unidefense.data.dataset;

/** Which parts of a dataset to build: what a training run builds, what a test run builds, or all. */
public enum Stage {
    /** The training run's parts: train and val (and test for UniAttack, whose training run tests too). */
    TRAIN,
    /** The test run's parts: test (and val for UniAttack, whose test run also scores val). */
    TEST,
    /** Train, val and test (for inspection). */
    ALL
}
