package org.unidefense.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * torch's MultiStepLR: multiply by gamma at each milestone; a milestone listed k times
 * multiplies by gamma^k (Python counts them with a Counter).
 */
public final class MultiStepLr extends LrScheduler {
    private final Map<Long, Integer> milestoneCounts = new HashMap<>();
    private final double gamma;

    public MultiStepLr(LearningRateGroups groups, List<Long> milestones, double gamma) {
        super(groups);
        for (long m : milestones) {
            milestoneCounts.merge(m, 1, Integer::sum);
        }
        this.gamma = gamma;
    }

    @Override
    protected double nextRate(double current, double base, long epoch) {
        Integer count = milestoneCounts.get(epoch);
        return count == null ? current : current * Math.pow(gamma, count);
    }
}
