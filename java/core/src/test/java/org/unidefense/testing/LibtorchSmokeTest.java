package org.unidefense.testing;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.unidefense.tensor.Tensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class LibtorchSmokeTest {
    @Test
    void matmulOfKnownMatricesMatchesHandComputation() {
        Tensor a = Tensors.fromFloats(new float[]{1, 2, 3, 4}, 2, 2);
        Tensor b = Tensors.fromFloats(new float[]{5, 6, 7, 8}, 2, 2);
        assertArrayEquals(new float[]{19, 22, 43, 50}, Tensors.toFloats(a.matmul(b)), 0f);
    }
}
