package org.unidefense.distributed;

import org.unidefense.config.ModelConfig;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DimnameListOptional;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.SharedModuleVector;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.unidefense.perturb.Coral;
import org.unidefense.perturb.PerturbationPolicy;
import org.unidefense.perturb.PerturbationRandom;
import org.unidefense.config.OptimizerSpec;
import org.unidefense.config.SchedulerSpec;
import org.unidefense.loss.LossWeights;
import org.unidefense.model.UDR18;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Tensors;
import org.unidefense.train.GroupedOptimizer;
import org.unidefense.train.LearningRatePlan;
import org.unidefense.train.LrSchedulers;
import org.unidefense.train.OptimizerFactory;
import org.unidefense.train.ParamGroups;
import org.unidefense.train.TwoPassStep;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.bytedeco.pytorch.global.torch.arange;
import static org.bytedeco.pytorch.global.torch.cat;
import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.rand;

/**
 * The worker JVM of the distributed tests, started with torchrun's environment. Modes:
 * <ul>
 * <li>{@code twopass OUT STEPS}: UDR18 two-pass steps on this rank's share of a fixed global
 * batch (one real and one fake image of 32 px per rank), data parallel over the group; writes
 * the parameters to {@code OUT}.</li>
 * <li>{@code exit CODE RANK}: rank RANK (every rank for -1) exits with CODE at once, the others
 * sleep (no libtorch).</li>
 * <li>{@code loop SECONDS}: all-reduces forever, printing {@code ready} once, until a peer fails.</li>
 * </ul>
 */
public final class DistTestWorker {
    static final int SIZE = 32;
    static final long TOTAL_STEPS = 10;
    static final double CARRY = 0.5;

    private DistTestWorker() {
    }

    public static void main(String[] args) throws Exception {
        DistEnv env = DistEnv.fromSystem(0);
        Duration timeout = Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("DIST_TIMEOUT_S", "20")));
        switch (args[0]) {
            case "exit" -> {
                // exit CODE RANK: every rank prints its environment; rank RANK then exits with CODE and
                // the others wait (RANK -1: all exit with CODE at once).
                System.out.println("env " + env);
                int failing = Integer.parseInt(args[2]);
                if (failing < 0 || env.rank() == failing) {
                    System.exit(Integer.parseInt(args[1]));
                }
                Thread.sleep(120_000);
            }
            case "twopass" -> {
                torch.set_num_threads(1);
                try (DistGroup g = DistGroup.open(env, CommBackend.GLOO, timeout)) {
                    float[] params = train(g, env.rank(), env.worldSize(), Integer.parseInt(args[2]), 100 + env.rank());
                    write(Path.of(args[1]), params);
                    g.barrier();
                }
            }
            case "loop" -> {
                torch.set_num_threads(1);
                try (DistGroup g = DistGroup.open(env, CommBackend.GLOO, timeout)) {
                    Tensor t = torch.ones(4);
                    System.out.println("ready rank " + env.rank() + " pid " + ProcessHandle.current().pid());
                    System.out.flush();
                    long end = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
                    while (System.nanoTime() < end) {
                        g.allreduceSum(t);
                        t.fill_(new Scalar(1.0));
                        Thread.sleep(20);
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /**
     * Trains {@code steps} steps on the rows of the global batch that belong to {@code rank} of
     * {@code world} (all of them when world is 1); with a group, data parallel over it.
     */
    static float[] train(DistGroup group, int rank, int world, int steps, long initSeed) {
        manual_seed(initSeed);
        UniDefenseModel model = new FrozenBatchNormUdr18(ModelConfig.defaults("UDR18").withDropRate(0.0));
        GroupedOptimizer optimizer = OptimizerFactory.create(new OptimizerSpec("sgd", 0.0, 0.05, Map.of()),
                ParamGroups.weightDecaySplit(model, 0.0));
        LearningRatePlan plan = new LearningRatePlan(optimizer, LrSchedulers.create(SchedulerSpec.constant(), optimizer),
                0.05, 0);
        // Batch-coupled terms (hard-mined triplets, the factorization's batch statistics) are
        // weighted 0: no data-parallel scheme makes them equal to one large batch.
        LossWeights weights = new LossWeights(1.0, 0.0, 1.0, 1.0, 0.0);
        TwoPassStep step = new TwoPassStep(model, optimizer, plan, weights, TOTAL_STEPS, CARRY,
                new PerturbationPolicy(Coral.sqrt()), new BlurOnly());
        if (group != null && group.worldSize() > 1) {
            ParameterSync.broadcastFromRankZero(model, group);
            step.setObserver(new DataParallel(model, group, 4L << 20, null));
        }
        for (int s = 1; s <= steps; s++) {
            try (PointerScope ignored = new PointerScope()) {
                Tensor[] batch = globalBatch(s);
                long per = batch[0].size(0) / world;
                Tensor real = batch[0].narrow(0, rank * per, per);
                Tensor fake = batch[1].narrow(0, rank * per, per);
                Tensor x = cat(new TensorVector(real, fake), 0);
                Tensor[] masks = {decoderMask(model, s, 1, rank, per), decoderMask(model, s, 2, rank, per)};
                step.setDecoderMasks(pass -> masks[pass - 1]);
                long[] labels = new long[(int) (2 * per)];
                for (int i = (int) per; i < labels.length; i++) {
                    labels[i] = 1;
                }
                step.run(x, Tensors.fromLongs(labels, labels.length), per, s);
            }
        }
        return flatParameters(model);
    }

    /** Step {@code s}'s global batch: two real and two fake images in [-1, 1]. */
    static Tensor[] globalBatch(int s) {
        Tensor all = rand(new long[]{4, 3, SIZE, SIZE}, new GeneratorOptional(make_generator_cpu(1000 + s)),
                new DimnameListOptional(), new TensorOptions(torch.ScalarType.Float)).mul(new Scalar(2.0)).sub(new Scalar(1.0));
        return new Tensor[]{all.narrow(0, 0, 2), all.narrow(0, 2, 2)};
    }

    /**
     * The scaled keep-mask (0 or 1.25) of the fixed decoder dropout for pass {@code pass} of step
     * {@code s}, drawn for the global batch and cut to this rank's rows, so that the dropout
     * does not depend on how the batch is split.
     */
    static Tensor decoderMask(UniDefenseModel model, int s, int pass, int rank, long per) {
        long[] shape;
        try (NoGradGuard ignored = new NoGradGuard()) {
            shape = Tensors.shape(((UDR18) model).extractor().forward(torch.zeros(1, 3, SIZE, SIZE)));
        }
        shape[0] = 4;
        Tensor keep = rand(shape, new GeneratorOptional(make_generator_cpu(5000 + 10L * s + pass)),
                new DimnameListOptional(), new TensorOptions(torch.ScalarType.Float)).ge(new Scalar(0.2))
                .to(torch.ScalarType.Float).div(new Scalar(0.8));
        long half = shape[0] / 2;
        return cat(new TensorVector(keep.narrow(0, rank * per, per), keep.narrow(0, half + rank * per, per)), 0);
    }

    static float[] flatParameters(Module model) {
        TensorVector ps = model.parameters(true);
        long n = 0;
        for (long i = 0; i < ps.size(); i++) {
            n += ps.get(i).numel();
        }
        float[] out = new float[(int) n];
        int off = 0;
        for (long i = 0; i < ps.size(); i++) {
            float[] p = Tensors.toFloats(ps.get(i).detach().contiguous());
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }

    static void write(Path file, float[] values) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            out.writeInt(values.length);
            for (float v : values) {
                out.writeFloat(v);
            }
        }
    }

    /** UDR18 whose BatchNorm layers stay in eval mode, so batch statistics do not couple the samples. */
    static final class FrozenBatchNormUdr18 extends UDR18 {
        FrozenBatchNormUdr18(ModelConfig o) {
            super(o);
        }

        @Override
        public void train(boolean on) {
            super.train(on);
            SharedModuleVector all = modules(true);
            for (long i = 0; i < all.size(); i++) {
                Module m = all.get(i);
                if (m.name().getString().contains("BatchNorm")) {
                    m.train(false);
                }
            }
        }
    }

    /** The perturbation draws of pass 2 scripted to the per-sample blur. */
    static final class BlurOnly implements PerturbationRandom {
        @Override
        public Tensor permutation(long n) {
            return arange(new Scalar(n));
        }

        @Override
        public double uniform() {
            return 0.0;
        }

        @Override
        public long integer(long bound) {
            return 1;
        }

        @Override
        public Tensor uniform(long... shape) {
            throw new UnsupportedOperationException("the blur draws nothing more");
        }

        @Override
        public Tensor normal(double std, long... shape) {
            throw new UnsupportedOperationException("the blur draws nothing more");
        }
    }
}
