package org.unidefense.model.recce;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.unidefense.model.StateDictLoader;
import org.unidefense.testing.Fixture;
import org.unidefense.testing.FixtureTensor;
import org.unidefense.tensor.Tensors;

import java.util.LinkedHashMap;
import java.util.Map;

/** RECCE models loaded with the R fixtures' weights (R_recce and R_recce_loss share them). */
public final class RecceFixtures {
    public static final String WEIGHTS_GROUP = "R_recce";

    private RecceFixtures() {
    }

    public static Map<String, Tensor> weights() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, FixtureTensor> e : Fixture.of(WEIGHTS_GROUP).stateDict("weights").entrySet()) {
            out.put(e.getKey(), e.getValue().toTensor());
        }
        return out;
    }

    /** Recce(num_classes=1), drop_rate 0.2, with the fixture weights, in the given dtype. */
    public static Recce loaded(ScalarType dtype) {
        Recce model = new Recce(1, 0.2);
        StateDictLoader.load(model, weights(), WEIGHTS_GROUP + " weights");
        if (dtype != ScalarType.Float) {
            model.to(dtype, false);
        }
        return model;
    }

    public static Tensor array(Fixture f, String name, ScalarType dtype) {
        return Tensors.fromFloats(f.floats(name), f.shape(name)).to(dtype);
    }
}
