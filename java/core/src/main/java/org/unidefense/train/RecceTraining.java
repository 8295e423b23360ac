package org.unidefense.train;

import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.UserInputException;
import org.unidefense.config.OptimizerSpec;
import org.unidefense.config.SchedulerSpec;
import org.unidefense.config.TrainConfig;
import org.unidefense.loss.RecceLoss;
import org.unidefense.model.recce.Recce;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.make_generator_cpu;

/**
 * Wires a {@link RecceStep} as RECCE's trainer does: the optimizer of {@code config.optimizer}
 * over {@code model.parameters()} as one group with the configured weight decay (RECCE has no
 * no-decay group: BN and bias parameters decay too; the unused {@code encoder.fc} never receives a
 * gradient and so is never updated), the configured schedule stepped once per step, warm-up, the
 * loss weights {@code lambda_1} and {@code lambda_2}, and one generator seeded with
 * {@code config.seed} for the model's noise and dropout draws, and for {@code precision: fp16} the
 * reference's GradScaler. Build it outside any PointerScope.
 */
public final class RecceTraining implements Training {
    /** The single parameter group's label. */
    public static final String GROUP = "all";

    private final GroupedOptimizer optimizer;
    private final LearningRatePlan lrPlan;
    private final RecceStep step;
    private final Generator generator;

    private RecceTraining(GroupedOptimizer optimizer, LearningRatePlan lrPlan, RecceStep step, Generator generator) {
        this.optimizer = optimizer;
        this.lrPlan = lrPlan;
        this.step = step;
        this.generator = generator;
    }

    /** From the {@code config:} block: optimizer, scheduler, warm-up, {@code lambda_1}, {@code lambda_2}, seed. */
    public static RecceTraining fromConfig(Recce model, TrainConfig config) {
        return create(model, config.optimizer(), config.scheduler(), config.warmupStep(), config.lambda1(),
                config.lambda2(), config.seed());
    }

    /**
     * @param optimizer  {@code config.optimizer} (RECCE: adam, lr 2e-4, weight_decay 1e-5)
     * @param scheduler  {@code config.scheduler}, null for a constant rate (RECCE: StepLR 22500, 0.5)
     * @param warmupStep {@code config.warmup_step} (RECCE's default 0)
     */
    public static RecceTraining create(Recce model, OptimizerSpec optimizer, SchedulerSpec scheduler, int warmupStep,
                                       double lambda1, double lambda2, long seed) {
        if (optimizer == null) {
            throw new UserInputException("config.optimizer: training needs an optimizer block");
        }
        GroupedOptimizer opt = OptimizerFactory.create(optimizer, List.of(allParameters(model, optimizer.weightDecay())));
        SchedulerSpec schedule = scheduler == null ? SchedulerSpec.constant() : scheduler;
        LearningRatePlan plan = new LearningRatePlan(opt, LrSchedulers.create(schedule, opt), optimizer.lr(), warmupStep);
        Generator generator = make_generator_cpu(seed);
        model.setGenerator(generator);
        RecceStep step = new RecceStep(model, opt, plan, new RecceLoss(lambda1, lambda2));
        if (model.precision().needsGradScaler()) {
            step.setGradScaler(GradScaler.reference());
        }
        return new RecceTraining(opt, plan, step, generator);
    }

    /** torch's {@code model.parameters()}: every parameter that requires a gradient, in order, one group. */
    static ParamGroup allParameters(Recce model, double weightDecay) {
        List<String> names = new ArrayList<>();
        List<Tensor> params = new ArrayList<>();
        StringTensorDict named = model.named_parameters(true);
        for (long i = 0; i < named.size(); i++) {
            Tensor p = new Tensor(named.get(i).value()); // own handle: the dict is a temporary copy
            if (p.requires_grad()) {
                names.add(named.get(i).key().getString());
                params.add(p);
            }
        }
        return new ParamGroup(GROUP, weightDecay, names, params);
    }

    @Override
    public Recce model() {
        return step.model();
    }

    @Override
    public RecceStep step() {
        return step;
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
    public Generator generator() {
        return generator;
    }
}
