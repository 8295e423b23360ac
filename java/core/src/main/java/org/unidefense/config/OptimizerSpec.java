package org.unidefense.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code config.optimizer} block. The reference pops {@code name} and {@code weight_decay}
 * (both required), splits the parameters into a no-decay group (biases and 1-d tensors) and a
 * group with that decay, and passes every other key as a keyword argument to the torch optimizer.
 *
 * @param name        {@code name}: one of sgd, adam, adamw, asgd, adamax, adadelta, adagrad, rmsprop
 * @param weightDecay {@code weight_decay}: decay of the decayed group
 * @param lr          {@code lr}: base learning rate (torch's per-optimizer default when absent;
 *                    warm-up also scales this value)
 * @param params      every other keyword argument as written (e.g. {@code betas}, {@code amsgrad})
 */
public record OptimizerSpec(String name, double weightDecay, double lr, Map<String, Object> params) {

    /** Keyword arguments torch accepts for each optimizer (besides lr and weight_decay). */
    static final Map<String, Set<String>> KNOWN_PARAMS = Map.of(
            "sgd", Set.of("momentum", "dampening", "nesterov", "maximize", "foreach", "differentiable", "fused"),
            "adam", Set.of("betas", "eps", "amsgrad", "maximize", "foreach", "capturable", "differentiable", "fused"),
            "adamw", Set.of("betas", "eps", "amsgrad", "maximize", "foreach", "capturable", "differentiable", "fused"),
            "asgd", Set.of("lambd", "alpha", "t0", "maximize", "foreach", "capturable", "differentiable"),
            "adamax", Set.of("betas", "eps", "maximize", "foreach", "capturable", "differentiable"),
            "adadelta", Set.of("rho", "eps", "maximize", "foreach", "capturable", "differentiable"),
            "adagrad", Set.of("lr_decay", "initial_accumulator_value", "eps", "maximize", "foreach",
                    "differentiable", "fused"),
            "rmsprop", Set.of("alpha", "eps", "momentum", "centered", "maximize", "foreach", "capturable",
                    "differentiable"));

    static final List<String> NAMES = List.of("sgd", "adam", "adamw", "asgd", "adamax", "adadelta", "adagrad",
            "rmsprop");

    /** torch's default learning rate of each optimizer. */
    static double defaultLr(String name) {
        return switch (name) {
            case "adamax" -> 2e-3;
            case "adadelta" -> 1.0;
            case "asgd", "adagrad", "rmsprop" -> 1e-2;
            default -> 1e-3;
        };
    }

    /** {@code betas} (Adam family; default 0.9, 0.999). */
    @SuppressWarnings("unchecked")
    public double[] betas() {
        Object v = params.get("betas");
        if (v instanceof List<?> l && l.size() == 2) {
            return new double[] {((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue()};
        }
        return new double[] {0.9, 0.999};
    }

    /** {@code eps} (default 1e-8, as torch's Adam family and RMSprop). */
    public double eps() {
        return params.get("eps") instanceof Number n ? n.doubleValue() : 1e-8;
    }

    /** {@code amsgrad} (default false). */
    public boolean amsgrad() {
        return Boolean.TRUE.equals(params.get("amsgrad"));
    }

    /** {@code momentum} (SGD, RMSprop; default 0). */
    public double momentum() {
        return params.get("momentum") instanceof Number n ? n.doubleValue() : 0.0;
    }

    static OptimizerSpec read(Section s) {
        String name = s.requiredChoice("name", NAMES);
        double wd = s.requiredNumber("weight_decay");
        double lr = s.number("lr", defaultLr(name));
        if (lr <= 0) {
            throw s.invalid("lr", "expected a positive learning rate, found " + lr);
        }
        Set<String> known = KNOWN_PARAMS.get(name);
        // Type-check the common keyword arguments this optimizer takes; others it does not take stay
        // unknown and are reported by finish().
        if (known.contains("betas")) {
            List<Double> betas = s.optionalNumberList("betas");
            if (betas != null && betas.size() != 2) {
                throw s.invalid("betas", "expected a list of two numbers, found " + betas.size());
            }
        }
        for (String numeric : List.of("eps", "momentum", "alpha", "rho", "lr_decay", "dampening")) {
            if (known.contains(numeric)) {
                s.optionalNumber(numeric);
            }
        }
        for (String flag : List.of("amsgrad", "nesterov", "centered", "maximize")) {
            if (known.contains(flag)) {
                s.optionalBool(flag);
            }
        }
        s.know(known.toArray(String[]::new));
        Map<String, Object> params = new LinkedHashMap<>();
        s.mapping().entries().forEach((k, v) -> {
            if (!k.equals("name") && !k.equals("weight_decay") && !k.equals("lr") && known.contains(k)) {
                params.put(k, YamlNode.toPlain(v));
            }
        });
        s.finish();
        return new OptimizerSpec(name, wd, lr, Collections.unmodifiableMap(params));
    }
}
