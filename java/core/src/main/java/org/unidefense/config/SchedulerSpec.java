package org.unidefense.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code config.scheduler} block (optional). The reference pops {@code name} and passes the
 * rest as keyword arguments; it steps the scheduler once per training step (not per epoch), and
 * only after warm-up. Without the block it uses a constant learning rate.
 *
 * @param name     {@code name}: ConstantLR, StepLR, MultiStepLR, ExponentialLR, CosineAnnealingLR,
 *                 CosineAnnealingWarmRestarts, ReduceLROnPlateau, TimmStepLR or TimmCosineLR
 * @param params   every other keyword argument as written (e.g. {@code step_size}, {@code gamma})
 * @param explicit whether the file had a scheduler block (false: the ConstantLR default)
 */
public record SchedulerSpec(String name, Map<String, Object> params, boolean explicit) {

    /** Per scheduler: required keyword arguments first, then optional ones. */
    private static final Map<String, List<List<String>>> SIGNATURES = Map.of(
            "ConstantLR", List.of(List.of(), List.of("last_epoch")),
            "StepLR", List.of(List.of("step_size"), List.of("gamma", "last_epoch", "verbose")),
            "MultiStepLR", List.of(List.of("milestones"), List.of("gamma", "last_epoch", "verbose")),
            "ExponentialLR", List.of(List.of("gamma"), List.of("last_epoch", "verbose")),
            "CosineAnnealingLR", List.of(List.of("T_max"), List.of("eta_min", "last_epoch", "verbose")),
            "CosineAnnealingWarmRestarts", List.of(List.of("T_0"),
                    List.of("T_mult", "eta_min", "last_epoch", "verbose")),
            "ReduceLROnPlateau", List.of(List.of(), List.of("mode", "factor", "patience", "threshold",
                    "threshold_mode", "cooldown", "min_lr", "eps", "verbose")),
            "TimmStepLR", List.of(List.of("decay_t"), List.of("decay_rate", "warmup_t", "warmup_lr_init",
                    "warmup_prefix", "t_in_epochs", "noise_range_t", "noise_pct", "noise_std", "noise_seed",
                    "initialize")),
            "TimmCosineLR", List.of(List.of("t_initial"), List.of("lr_min", "cycle_mul", "cycle_decay",
                    "cycle_limit", "warmup_t", "warmup_lr_init", "warmup_prefix", "t_in_epochs", "noise_range_t",
                    "noise_pct", "noise_std", "noise_seed", "k_decay", "initialize")));

    static final List<String> NAMES = List.of("ConstantLR", "StepLR", "TimmStepLR", "MultiStepLR",
            "CosineAnnealingLR", "CosineAnnealingWarmRestarts", "ExponentialLR", "ReduceLROnPlateau", "TimmCosineLR");

    /** The reference's behaviour without a scheduler block. */
    public static SchedulerSpec constant() {
        return new SchedulerSpec("ConstantLR", Map.of(), false);
    }

    /** {@code step_size} of StepLR. */
    public int stepSize() {
        return ((Number) params.get("step_size")).intValue();
    }

    /** {@code gamma} (StepLR/MultiStepLR default 0.1). */
    public double gamma() {
        return params.get("gamma") instanceof Number n ? n.doubleValue() : 0.1;
    }

    static SchedulerSpec read(Section s) {
        String name = s.requiredChoice("name", NAMES);
        List<List<String>> signature = SIGNATURES.get(name);
        for (String required : signature.get(0)) {
            if (!s.has(required)) {
                throw s.missing(required, "a value; " + name + " needs it");
            }
        }
        if (name.equals("StepLR")) {
            s.requiredPositive("step_size");
            s.optionalNumber("gamma");
        }
        s.know(signature.get(1).toArray(String[]::new));
        Map<String, Object> params = new LinkedHashMap<>();
        s.mapping().entries().forEach((k, v) -> {
            if (signature.get(0).contains(k) || signature.get(1).contains(k)) {
                params.put(k, YamlNode.toPlain(v));
            }
        });
        s.finish();
        return new SchedulerSpec(name, Collections.unmodifiableMap(params), true);
    }
}
