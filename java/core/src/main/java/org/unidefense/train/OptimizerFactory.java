package org.unidefense.train;

import org.bytedeco.pytorch.Adagrad;
import org.bytedeco.pytorch.AdagradOptions;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.OptimizerOptions;
import org.bytedeco.pytorch.OptimizerParamGroup;
import org.bytedeco.pytorch.RMSprop;
import org.bytedeco.pytorch.RMSpropOptions;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.TensorVector;
import org.unidefense.UserInputException;
import org.unidefense.config.OptimizerSpec;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the optimizer of {@code config.optimizer} over the parameter groups, with torch's
 * defaults for every keyword the file leaves out. libtorch implements SGD, Adam, AdamW, RMSprop
 * and Adagrad with PyTorch's update rules; the reference's other choices (asgd, adamax,
 * adadelta) have no libtorch implementation and are rejected with a clear message.
 */
public final class OptimizerFactory {
    private OptimizerFactory() {
    }

    public static GroupedOptimizer create(OptimizerSpec spec, List<ParamGroup> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no parameter groups");
        }
        Map<String, Object> kw = spec.params();
        if (Boolean.TRUE.equals(kw.get("maximize"))) {
            throw new UserInputException("config.optimizer.maximize: libtorch's optimizers cannot maximize; "
                    + "expected false or no key");
        }
        Function<Double, OptimizerOptions> options = switch (spec.name()) {
            case "adamw" -> wd -> adamW(spec, wd);
            case "adam" -> wd -> adam(spec, wd);
            case "sgd" -> wd -> sgd(spec, wd);
            case "rmsprop" -> wd -> rmsprop(spec, wd);
            case "adagrad" -> wd -> adagrad(spec, wd);
            default -> throw new UserInputException("config.optimizer.name: '" + spec.name()
                    + "' has no libtorch implementation; expected one of adamw, adam, sgd, rmsprop, adagrad");
        };
        ParamGroup first = groups.get(0);
        TensorVector firstParams = new TensorVector(first.params().toArray(new org.bytedeco.pytorch.Tensor[0]));
        OptimizerOptions firstOptions = options.apply(first.weightDecay());
        Optimizer optimizer = switch (spec.name()) {
            case "adamw" -> new AdamW(firstParams, (AdamWOptions) firstOptions);
            case "adam" -> new Adam(firstParams, (AdamOptions) firstOptions);
            case "sgd" -> new SGD(firstParams, (SGDOptions) firstOptions);
            case "rmsprop" -> new RMSprop(firstParams, (RMSpropOptions) firstOptions);
            default -> new Adagrad(firstParams, (AdagradOptions) firstOptions);
        };
        for (ParamGroup g : groups.subList(1, groups.size())) {
            TensorVector params = new TensorVector(g.params().toArray(new org.bytedeco.pytorch.Tensor[0]));
            optimizer.add_param_group(new OptimizerParamGroup(params, options.apply(g.weightDecay())));
        }
        return new GroupedOptimizer(optimizer, spec.name(), groups);
    }

    private static AdamWOptions adamW(OptimizerSpec spec, double weightDecay) {
        AdamWOptions o = new AdamWOptions(spec.lr());
        double[] betas = spec.betas();
        // The preset stores the (beta1, beta2) tuple reversed: index 0 is beta2.
        o.betas().put(0, betas[1]).put(1, betas[0]);
        o.eps().put(spec.eps());
        o.weight_decay().put(weightDecay);
        o.amsgrad().put(spec.amsgrad());
        return o;
    }

    private static AdamOptions adam(OptimizerSpec spec, double weightDecay) {
        AdamOptions o = new AdamOptions(spec.lr());
        double[] betas = spec.betas();
        o.betas().put(0, betas[1]).put(1, betas[0]); // reversed, as for AdamW
        o.eps().put(spec.eps());
        o.weight_decay().put(weightDecay);
        o.amsgrad().put(spec.amsgrad());
        return o;
    }

    private static SGDOptions sgd(OptimizerSpec spec, double weightDecay) {
        double momentum = number(spec, "momentum", 0.0);
        double dampening = number(spec, "dampening", 0.0);
        boolean nesterov = Boolean.TRUE.equals(spec.params().get("nesterov"));
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new UserInputException("config.optimizer.nesterov: Nesterov momentum needs momentum > 0 and "
                    + "dampening 0, found momentum " + momentum + ", dampening " + dampening);
        }
        SGDOptions o = new SGDOptions(spec.lr());
        o.momentum().put(momentum);
        o.dampening().put(dampening);
        o.nesterov().put(nesterov);
        o.weight_decay().put(weightDecay);
        return o;
    }

    private static RMSpropOptions rmsprop(OptimizerSpec spec, double weightDecay) {
        RMSpropOptions o = new RMSpropOptions(spec.lr());
        o.alpha().put(number(spec, "alpha", 0.99));
        o.eps().put(number(spec, "eps", 1e-8));
        o.momentum().put(number(spec, "momentum", 0.0));
        o.centered().put(Boolean.TRUE.equals(spec.params().get("centered")));
        o.weight_decay().put(weightDecay);
        return o;
    }

    private static AdagradOptions adagrad(OptimizerSpec spec, double weightDecay) {
        AdagradOptions o = new AdagradOptions(spec.lr());
        o.lr_decay().put(number(spec, "lr_decay", 0.0));
        o.initial_accumulator_value().put(number(spec, "initial_accumulator_value", 0.0));
        o.eps().put(number(spec, "eps", 1e-10));
        o.weight_decay().put(weightDecay);
        return o;
    }

    private static double number(OptimizerSpec spec, String key, double fallback) {
        return spec.params().get(key) instanceof Number n ? n.doubleValue() : fallback;
    }
}
