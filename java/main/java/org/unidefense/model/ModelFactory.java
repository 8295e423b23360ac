package org.unidefense.model;

import org.unidefense.UserInputException;

import org.unidefense.model.recce.Recce;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The reference's {@code load_model(name)}: model names are case-insensitive. */
public final class ModelFactory {
    private static final Map<String, Function<ModelOptions, UniDefenseModel>> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put(UDR18.NAME, UDR18::new);
        MODELS.put(UDR50.NAME, UDR50::new);
        MODELS.put(UDEB4.NAME, UDEB4::new);
        MODELS.put(Recce.NAME.toUpperCase(Locale.ROOT), o -> new Recce(o.numClasses(), o.dropRate()));
    }

    private ModelFactory() {
    }

    /** A freshly initialised model in its preferred memory format ({@link UniDefenseModel#preferredMemoryFormat}). */
    public static UniDefenseModel create(String name, ModelOptions options) {
        Function<ModelOptions, UniDefenseModel> constructor = MODELS.get(name.toUpperCase(Locale.ROOT));
        if (constructor == null) {
            throw new UserInputException("unknown model name '" + name + "': expected one of " + MODELS.keySet());
        }
        UniDefenseModel model = constructor.apply(options);
        return model.useMemoryFormat(model.preferredMemoryFormat());
    }

    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(MODELS.keySet());
    }
}
