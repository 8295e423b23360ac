package org.unidefense.model;

import org.unidefense.config.ModelArch;
import org.unidefense.config.ModelConfig;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.model.recce.Recce;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The reference's {@code load_model(name)(**model_cfg)}: one entry per architecture, its
 * constructor and its defaults. A constructor receives the whole {@link ModelConfig}, as the
 * reference's receives every {@code model:} key.
 */
public final class ModelRegistry {
    /**
     * One architecture.
     *
     * @param arch        its name and constructor defaults
     * @param constructor builds it from a {@code model:} block
     */
    public record Entry(ModelArch arch, Function<ModelConfig, UniDefenseModel> constructor) {
        /** The {@code model:} block of this architecture with every key at its default. */
        public ModelConfig defaults() {
            return ModelConfig.defaults(arch);
        }
    }

    private static final Map<ModelArch, Entry> ENTRIES = new EnumMap<>(ModelArch.class);

    static {
        add(ModelArch.UDR18, UDR18::new);
        add(ModelArch.UDR50, UDR50::new);
        add(ModelArch.UDEB4, UDEB4::new);
        // RECCE's constructor takes num_classes and drop_rate only (the config parser accepts no more)
        add(ModelArch.RECCE, m -> new Recce(m.numClasses(), m.dropRate()));
    }

    private ModelRegistry() {
    }

    private static void add(ModelArch arch, Function<ModelConfig, UniDefenseModel> constructor) {
        ENTRIES.put(arch, new Entry(arch, constructor));
    }

    public static Entry entry(ModelArch arch) {
        return ENTRIES.get(arch);
    }

    /** A freshly initialised model (no weights loaded) in its preferred memory format. */
    public static UniDefenseModel create(ModelConfig m) {
        UniDefenseModel model = ENTRIES.get(m.arch()).constructor().apply(m);
        return model.useMemoryFormat(model.preferredMemoryFormat());
    }

    /** A freshly initialised model of {@code name} with its defaults (case-insensitive, reference class names too). */
    public static UniDefenseModel create(String name) {
        return create(ModelConfig.defaults(name));
    }

    /**
     * A freshly initialised model for a whole configuration: the {@code model:} block's
     * architecture in the {@code config:} block's memory format and precision.
     */
    public static UniDefenseModel create(ResolvedConfig cfg) {
        UniDefenseModel model = create(cfg.model()).usePrecision(cfg.config().precision());
        return cfg.config().memoryFormat() == null ? model : model.useMemoryFormat(cfg.config().memoryFormat());
    }

    /** The architectures' names, for messages and completion. */
    public static List<String> names() {
        return ENTRIES.keySet().stream().map(ModelArch::name).toList();
    }
}
