package org.unidefense.perturb;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DimnameListOptional;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unidefense.tensor.Tensors;

import static org.bytedeco.pytorch.global.torch.make_generator_cpu;
import static org.bytedeco.pytorch.global.torch.normal;
import static org.bytedeco.pytorch.global.torch.rand;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator overloads draw what the reference draws, in its shapes, from the given generator. */
class SeededDrawsTest {
    private PointerScope scope;
    private Tensor content;
    private Tensor style;

    @BeforeEach
    void setUp() {
        scope = new PointerScope();
        GeneratorOptional g = new GeneratorOptional(make_generator_cpu(3));
        content = rand(new long[]{3, 3, 8, 8}, g, new DimnameListOptional());
        style = rand(new long[]{3, 3, 8, 8}, g, new DimnameListOptional());
    }

    @AfterEach
    void closeScope() {
        scope.close();
    }

    @Test
    void frequencyTransferDrawsOneUniformPerSample() {
        Tensor drawn = new FrequencyStyleTransfer().apply(content, style, make_generator_cpu(11));
        Tensor u = rand(new long[]{3, 1, 1, 1}, new GeneratorOptional(make_generator_cpu(11)), new DimnameListOptional());
        assertArrayEquals(Tensors.toFloats(new FrequencyStyleTransfer().apply(content, style, u)), Tensors.toFloats(drawn), 0f);
    }

    @Test
    void spatialTransferDrawsOneUniformPerSample() {
        Tensor drawn = new SpatialStyleTransfer().apply(content, style, make_generator_cpu(12));
        Tensor u = rand(new long[]{3, 1, 1}, new GeneratorOptional(make_generator_cpu(12)), new DimnameListOptional());
        assertArrayEquals(Tensors.toFloats(new SpatialStyleTransfer().apply(content, style, u)), Tensors.toFloats(drawn), 0f);
    }

    @Test
    void noiseDrawsWithTheModelsStdAndClips() {
        Tensor x = content.mul(new Scalar(2.0)).sub(new Scalar(1.0));
        Tensor drawn = new WhiteNoise().apply(x, make_generator_cpu(13));
        Tensor n = normal(0.0, 1e-4, new long[]{3, 3, 8, 8}, new GeneratorOptional(make_generator_cpu(13)),
                new TensorOptions(ScalarType.Float));
        assertArrayEquals(Tensors.toFloats(new WhiteNoise().apply(x, n)), Tensors.toFloats(drawn), 0f);
        float[] ns = Tensors.toFloats(n);
        double sumSq = 0;
        for (float v : ns) {
            sumSq += v * v;
        }
        double std = Math.sqrt(sumSq / ns.length);
        assertTrue(std > 0.8e-4 && std < 1.2e-4, "noise std " + std);
        Tensor big = new WhiteNoise(10.0).apply(x, make_generator_cpu(14));
        float[] clipped = Tensors.toFloats(big);
        for (float v : clipped) {
            assertTrue(v >= -1f && v <= 1f);
        }
    }

    @Test
    void generatorRandomDrawsInTheGeneratorsOrder() {
        GeneratorRandom r = GeneratorRandom.seeded(21);
        GeneratorOptional g = new GeneratorOptional(make_generator_cpu(21));
        assertArrayEquals(Tensors.toLongs(org.bytedeco.pytorch.global.torch.randperm(5, g, new TensorOptions(ScalarType.Long))),
                Tensors.toLongs(r.permutation(5)));
        assertEquals(rand(new long[]{1}, g, new DimnameListOptional()).item_double(), r.uniform());
        assertEquals(org.bytedeco.pytorch.global.torch.randint(0, 3, new long[]{1}, g).item_long(), r.integer(3));
    }
}
