package org.unidefense.train;

/** Whatever holds one learning rate per parameter group (an optimizer, or a plain array in tests). */
public interface LearningRateGroups {
    double[] learningRates();

    void setLearningRates(double[] lrs);
}
