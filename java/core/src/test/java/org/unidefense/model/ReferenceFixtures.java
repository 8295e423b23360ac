package org.unidefense.model;

import org.unidefense.config.ModelConfig;
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

    /**
     * The fixture's model (its {@code meta.model} with the constructor arguments it records:
     * extractor and image size) with the fixture's weights, in eval mode.
     */
    static UniDefenseModel loadedModel(String group, Fixture f) {
        com.fasterxml.jackson.databind.JsonNode kw = f.meta().path("constructor_kwargs");
        ModelConfig o = ModelConfig.defaults(f.meta().get("model").asText()).withNumClasses(2);
        if (kw.hasNonNull("extractor")) {
            o = o.withExtractor(kw.get("extractor").asText());
        }
        if (kw.hasNonNull("image_size")) {
            o = o.withImageSize(kw.get("image_size").asInt());
        }
        UniDefenseModel model = ModelRegistry.create(o);
        StateDictLoader.load(model, stateDict(f, "weights"), group + " weights");
        model.eval();
        return model;
    }

    static Tensor array(Fixture f, String name) {
        return org.unidefense.tensor.Tensors.fromFloats(f.floats(name), f.shape(name));
    }
}
