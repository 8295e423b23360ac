package org.unidefense.train;

import org.bytedeco.pytorch.Generator;
import org.unidefense.UserInputException;
import org.unidefense.perturb.Coral;
import org.unidefense.perturb.GeneratorRandom;
import org.unidefense.perturb.PerturbationPolicy;
import org.unidefense.perturb.StyleAlignment;
import org.unidefense.config.SchedulerSpec;
import org.unidefense.config.TrainConfig;
import org.unidefense.loss.LossWeights;
import org.unidefense.model.UniDefenseModel;

import static org.bytedeco.pytorch.global.torch.make_generator_cpu;

/**
 * Wires a {@link TwoPassStep} from the {@code config:} block as the reference engines do:
 * timm's weight-decay groups, the configured optimizer and schedule, warm-up, the loss
 * weights, and one generator seeded with {@code config.seed} shared by the model's hidden
 * dropout and the perturbation draws (decisions.md 3). Build it outside any PointerScope.
 */
public final class TwoPassTraining implements Training {
    private final UniDefenseModel model;
    private final GroupedOptimizer optimizer;
    private final LearningRatePlan lrPlan;
    private final TwoPassStep step;
    private final Generator generator;

    private TwoPassTraining(UniDefenseModel model, GroupedOptimizer optimizer, LearningRatePlan lrPlan, TwoPassStep step,
                            Generator generator) {
        this.model = model;
        this.optimizer = optimizer;
        this.lrPlan = lrPlan;
        this.step = step;
        this.generator = generator;
    }

    /**
     * @param totalSteps the data config's {@code num_steps}
     */
    public static TwoPassTraining fromConfig(UniDefenseModel model, TrainConfig config, long totalSteps) {
        return fromConfig(model, config, totalSteps, config.seed());
    }

    /** As {@link #fromConfig(UniDefenseModel, TrainConfig, long)} with another seed (e.g. per rank). */
    public static TwoPassTraining fromConfig(UniDefenseModel model, TrainConfig config, long totalSteps, long seed) {
        if (config.optimizer() == null) {
            throw new UserInputException("config.optimizer: training needs an optimizer block");
        }
        GroupedOptimizer optimizer = OptimizerFactory.create(config.optimizer(),
                ParamGroups.weightDecaySplit(model, config.optimizer().weightDecay()));
        SchedulerSpec schedule = config.scheduler() == null ? SchedulerSpec.constant() : config.scheduler();
        LearningRatePlan plan = new LearningRatePlan(optimizer, LrSchedulers.create(schedule, optimizer),
                config.optimizer().lr(), config.warmupStep());
        LossWeights weights = new LossWeights(config.lambdaMask(), config.lambdaTriplet(), config.lambdaRecons(),
                config.lambdaFreq(), config.lambdaFac());
        Generator generator = make_generator_cpu(seed);
        model.setGenerator(generator);
        PerturbationPolicy policy = new PerturbationPolicy(Coral.of(config.coral()));
        TwoPassStep step = new TwoPassStep(model, optimizer, plan, weights, totalSteps, config.pass1GradCarry(), policy,
                new GeneratorRandom(generator));
        if (model.precision().needsGradScaler()) {
            step.setGradScaler(GradScaler.reference());
        }
        return new TwoPassTraining(model, optimizer, plan, step, generator);
    }

    public UniDefenseModel model() {
        return model;
    }

    @Override
    public GroupedOptimizer optimizer() {
        return optimizer;
    }

    @Override
    public LearningRatePlan learningRatePlan() {
        return lrPlan;
    }

    @Override
    public TwoPassStep step() {
        return step;
    }

    /** The process-wide generator behind every random draw of training. */
    @Override
    public Generator generator() {
        return generator;
    }
}
