package org.unidefense.model;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.testing.Fixture;
import org.unidefense.testing.FixtureTensor;

import java.util.LinkedHashMap;
import java.util.Map;

/** Fixture state dicts and arrays as libtorch tensors. */
final class ReferenceFixtures {
    private ReferenceFixtures() {
    }

    static Map<String, Tensor> stateDict(Fixture f, String name) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, FixtureTensor> e : f.stateDict(name).entrySet()) {
            out.put(e.getKey(), e.getValue().toTensor());
        }
        return out;
    }

    static Tensor array(Fixture f, String name) {
        return org.unidefense.tensor.Tensors.fromFloats(f.floats(name), f.shape(name));
    }
}
