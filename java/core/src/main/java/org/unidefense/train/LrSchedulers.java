package org.unidefense.train;

import org.unidefense.UserInputException;
import org.unidefense.config.SchedulerSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the schedule of {@code config.scheduler}. The reference calls {@code scheduler.step()}
 * without arguments once per step, so ReduceLROnPlateau (needs a metric) and timm's schedulers
 * (need the epoch) raise a TypeError there at the first step; they are rejected up front.
 */
public final class LrSchedulers {
    private LrSchedulers() {
    }

    public static LrScheduler create(SchedulerSpec spec, LearningRateGroups groups) {
        Map<String, Object> kw = spec.params();
        Object lastEpoch = kw.get("last_epoch");
        if (lastEpoch instanceof Number n && n.longValue() != -1) {
            throw new UserInputException("config.scheduler.last_epoch: resuming a schedule from step " + n
                    + " is not supported (torch needs 'initial_lr' in every group); expected -1 or no key");
        }
        return switch (spec.name()) {
            case "ConstantLR" -> new ConstantLr(groups);
            case "StepLR" -> new StepLr(groups, positiveInt(kw, "step_size"), number(kw, "gamma", 0.1));
            case "MultiStepLR" -> new MultiStepLr(groups, milestones(kw), number(kw, "gamma", 0.1));
            case "ExponentialLR" -> new ExponentialLr(groups, required(kw, "gamma"));
            case "CosineAnnealingLR" -> new CosineAnnealingLr(groups, positiveInt(kw, "T_max"),
                    number(kw, "eta_min", 0.0));
            case "CosineAnnealingWarmRestarts" -> new CosineAnnealingWarmRestartsLr(groups, positiveInt(kw, "T_0"),
                    kw.containsKey("T_mult") ? positiveInt(kw, "T_mult") : 1, number(kw, "eta_min", 0.0));
            case "ReduceLROnPlateau" -> throw new UserInputException("config.scheduler.name: ReduceLROnPlateau needs "
                    + "a validation metric at every step, which the reference's training loop never passes (it "
                    + "fails there); expected one of ConstantLR, StepLR, MultiStepLR, ExponentialLR, "
                    + "CosineAnnealingLR, CosineAnnealingWarmRestarts");
            case "TimmStepLR", "TimmCosineLR" -> throw new UserInputException("config.scheduler.name: " + spec.name()
                    + " must be stepped with an epoch number, which the reference's training loop never passes "
                    + "(it fails there); expected one of ConstantLR, StepLR, MultiStepLR, ExponentialLR, "
                    + "CosineAnnealingLR, CosineAnnealingWarmRestarts");
            default -> throw new UserInputException("config.scheduler.name: unknown scheduler '" + spec.name() + "'");
        };
    }

    private static double required(Map<String, Object> kw, String key) {
        if (!(kw.get(key) instanceof Number n)) {
            throw new UserInputException("config.scheduler." + key + ": expected a number, found " + kw.get(key));
        }
        return n.doubleValue();
    }

    private static double number(Map<String, Object> kw, String key, double fallback) {
        return kw.containsKey(key) ? required(kw, key) : fallback;
    }

    private static long positiveInt(Map<String, Object> kw, String key) {
        Object v = kw.get(key);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() <= 0) {
            throw new UserInputException("config.scheduler." + key + ": expected a positive integer, found " + v);
        }
        return n.longValue();
    }

    private static List<Long> milestones(Map<String, Object> kw) {
        if (!(kw.get("milestones") instanceof List<?> list)) {
            throw new UserInputException("config.scheduler.milestones: expected a list of step numbers, found "
                    + kw.get("milestones"));
        }
        List<Long> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new UserInputException("config.scheduler.milestones: expected integer steps, found " + o);
            }
            out.add(n.longValue());
        }
        return out;
    }
}
