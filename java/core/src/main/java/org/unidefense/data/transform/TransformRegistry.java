package org.unidefense.data.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.unidefense.UserInputException;

/** Builds transforms from albumentations-style {@code {name, params}} items. */
final class TransformRegistry {
    private final Map<String, Function<TransformParams, ImageTransform>> factories = new TreeMap<>();

    TransformRegistry() {
        factories.put("ColorJitter", ColorJitter::fromParams);
        factories.put("GaussNoise", GaussNoise::fromParams);
        factories.put("GaussianBlur", GaussianBlur::fromParams);
        factories.put("HorizontalFlip", HorizontalFlip::fromParams);
        factories.put("ImageCompression", ImageCompression::fromParams);
        factories.put("Normalize", Normalize::fromParams);
        factories.put("OneOf", params -> OneOf.fromParams(params, this));
        factories.put("RandomBrightnessContrast", RandomBrightnessContrast::fromParams);
        factories.put("RandomResizedCrop", RandomResizedCrop::fromParams);
        factories.put("Resize", Resize::fromParams);
    }

    List<String> names() {
        return List.copyOf(factories.keySet());
    }

    List<ImageTransform> buildAll(String where, List<? extends Map<String, ?>> specs) {
        if (specs == null) {
            throw new UserInputException(where + ": expected a list of {name, params} items, got nothing");
        }
        List<ImageTransform> out = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            out.add(build(where + "[" + i + "]", specs.get(i)));
        }
        return out;
    }

    ImageTransform build(String where, Map<String, ?> spec) {
        if (spec == null) {
            throw new UserInputException(where + ": expected a {name, params} item, got nothing");
        }
        for (String key : spec.keySet()) {
            if (!key.equals("name") && !key.equals("params")) {
                throw new UserInputException(where + ": unexpected key '" + key + "'; an item has only 'name' and 'params'");
            }
        }
        if (!(spec.get("name") instanceof String name)) {
            throw new UserInputException(where + ": 'name' must be a transform name, got " + spec.get("name")
                    + "; valid names: " + String.join(", ", names()));
        }
        Function<TransformParams, ImageTransform> factory = factories.get(name);
        if (factory == null) {
            throw new UserInputException(where + ": unknown transform '" + name + "'; valid names: "
                    + String.join(", ", names()));
        }
        Object rawParams = spec.get("params");
        if (rawParams != null && !(rawParams instanceof Map<?, ?>)) {
            throw new UserInputException(where + " (" + name + "): 'params' must be a map, got " + rawParams);
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> values = (Map<String, ?>) rawParams;
        TransformParams params = new TransformParams(where, name, values);
        ImageTransform transform = factory.apply(params);
        params.requireNoOthers();
        return transform;
    }
}
