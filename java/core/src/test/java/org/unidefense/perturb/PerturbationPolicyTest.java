package org.unidefense.perturb;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DimnameListOptional;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unidefense.tensor.Tensors;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.bytedeco.pytorch.global.torch.rand;
import static org.bytedeco.pytorch.global.torch.randint;
import static org.bytedeco.pytorch.global.torch.randperm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Branch choice and draw order of the training-time perturbation (README §6.4). */
class PerturbationPolicyTest {
    private static final int REAL = 2;
    private static final long[] SHAPE = {4, 3, 16, 16};
    private final PerturbationPolicy policy = new PerturbationPolicy(Coral.sqrt());
    private PointerScope scope;
    private Tensor x;

    @BeforeEach
    void setUp() {
        scope = new PointerScope();
        Generator g = make_generator_cpu(7);
        x = rand(SHAPE, new GeneratorOptional(g), new DimnameListOptional()).mul(new Scalar(2.0)).sub(new Scalar(1.0));
    }

    @AfterEach
    void closeScope() {
        scope.close();
    }

    @Test
    void sameSeedGivesTheSameChoiceAndOutput() {
        for (long seed = 0; seed < 6; seed++) {
            Perturbed a = policy.perturb(x, REAL, GeneratorRandom.seeded(seed));
            Perturbed b = policy.perturb(x, REAL, GeneratorRandom.seeded(seed));
            assertEquals(a.record().kind(), b.record().kind());
            assertEquals(a.record().branchDraw(), b.record().branchDraw());
            assertArrayEquals(Tensors.toFloats(a.input()), Tensors.toFloats(b.input()), 0f);
        }
    }

    /**
     * Replays each seed's stream by hand in the reference's order (randperm real, randperm fake,
     * rand(1), randint, then λ or noise) and rebuilds the expected output from it, until every
     * one of the five perturbations has been seen.
     */
    @Test
    void chosenBranchAndOutputFollowTheDrawsInReferenceOrder() {
        EnumSet<PerturbationKind> seen = EnumSet.noneOf(PerturbationKind.class);
        for (long seed = 0; seed < 200 && seen.size() < PerturbationKind.values().length; seed++) {
            Perturbed p = policy.perturb(x, REAL, GeneratorRandom.seeded(seed));
            GeneratorOptional g = new GeneratorOptional(make_generator_cpu(seed));
            Tensor realPerm = randperm(REAL, g, new TensorOptions(ScalarType.Long));
            Tensor fakePerm = randperm(SHAPE[0] - REAL, g, new TensorOptions(ScalarType.Long));
            double u = rand(new long[]{1}, g, new DimnameListOptional()).item_double();
            assertEquals(u, p.record().branchDraw(), "seed " + seed);
            Tensor expected;
            PerturbationKind kind;
            if (u > 0.5) {
                long k = randint(0, 2, new long[]{1}, g).item_long();
                Tensor style = Coral.sqrt().align(PerturbationPolicy.stylePartners(x, realPerm, fakePerm), x);
                if (k == 0) {
                    kind = PerturbationKind.FREQUENCY_STYLE;
                    expected = new FrequencyStyleTransfer().apply(x, style, rand(new long[]{4, 1, 1, 1}, g, new DimnameListOptional()));
                } else {
                    kind = PerturbationKind.SPATIAL_STYLE;
                    expected = new SpatialStyleTransfer().apply(x, style, rand(new long[]{4, 1, 1}, g, new DimnameListOptional()));
                }
                assertArrayEquals(Tensors.toLongs(realPerm), p.record().realPermutation());
                assertArrayEquals(Tensors.toLongs(fakePerm), p.record().fakePermutation());
            } else {
                long k = randint(0, 3, new long[]{1}, g).item_long();
                kind = List.of(PerturbationKind.NOISE, PerturbationKind.BLUR, PerturbationKind.DOWNSCALE).get((int) k);
                expected = switch (kind) {
                    case NOISE -> x.add(org.bytedeco.pytorch.global.torch.normal(0.0, 1e-4, SHAPE, g,
                            new TensorOptions(ScalarType.Float))).clamp(new ScalarOptional(new Scalar(-1.0)),
                            new ScalarOptional(new Scalar(1.0)));
                    case BLUR -> new GaussianBlur5x5().apply(x);
                    default -> new NearestDownscale().apply(x);
                };
                assertNull(p.record().realPermutation());
            }
            assertEquals(kind, p.record().kind(), "seed " + seed);
            assertArrayEquals(Tensors.toFloats(expected), Tensors.toFloats(p.input()), 0f, "seed " + seed);
            seen.add(kind);
        }
        assertEquals(EnumSet.allOf(PerturbationKind.class), seen);
    }

    @Test
    void aBranchDrawOfExactlyOneHalfTakesTheBasicBranch() {
        Perturbed p = policy.perturb(x, Tensors.fromLongs(new long[]{0, 1}, 2), Tensors.fromLongs(new long[]{0, 1}, 2),
                new ScriptedRandom(0.5, 1));
        assertEquals(PerturbationKind.BLUR, p.record().kind());
        assertArrayEquals(Tensors.toFloats(new GaussianBlur5x5().apply(x)), Tensors.toFloats(p.input()), 0f);
    }

    @Test
    void styleBranchPairsEachSampleWithinItsOwnHalf() {
        Tensor ids = Tensors.fromFloats(new float[]{10, 11, 12, 13, 14}, 5, 1, 1, 1);
        Tensor partners = PerturbationPolicy.stylePartners(ids, Tensors.fromLongs(new long[]{1, 0}, 2),
                Tensors.fromLongs(new long[]{2, 0, 1}, 3));
        assertArrayEquals(new float[]{11, 10, 14, 12, 13}, Tensors.toFloats(partners), 0f);
    }

    /** Returns the scripted scalar draws in order; tensors are not expected in these tests. */
    private record ScriptedRandom(Deque<Double> uniforms, Deque<Long> integers) implements PerturbationRandom {
        ScriptedRandom(double branch, long kind) {
            this(new ArrayDeque<>(List.of(branch)), new ArrayDeque<>(List.of(kind)));
        }

        @Override
        public Tensor permutation(long n) {
            throw new AssertionError("permutations are given");
        }

        @Override
        public double uniform() {
            return uniforms.removeFirst();
        }

        @Override
        public long integer(long bound) {
            long k = integers.removeFirst();
            assertEquals(3, bound, "the basic branch chooses among three");
            return k;
        }

        @Override
        public Tensor uniform(long... shape) {
            throw new AssertionError("no λ draw expected");
        }

        @Override
        public Tensor normal(double std, long... shape) {
            throw new AssertionError("no noise draw expected");
        }
    }
}
