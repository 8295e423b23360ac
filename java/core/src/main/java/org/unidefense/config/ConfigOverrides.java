package org.unidefense.config;

/**
 * What the command line changes in a config (the reference's main.py flags).
 *
 * @param engine    {@code --engine}; null = infer it from the dataset file (the reference defaults to UE,
 *                  which only works with UniAttack files; an explicit engine is checked against the file)
 * @param localRank {@code -r/--local_rank}, stored as {@code config.local_rank} (default 0)
 * @param expId     {@code --exp_id}: replaces {@code config.id} when not null
 * @param dsConfig  {@code --ds_config}: replaces {@code data.file} when not null
 * @param test      {@code --test}: test stage (keys only training reads become optional, and the reverse)
 */
public record ConfigOverrides(Engine engine, int localRank, String expId, String dsConfig, boolean test) {

    /** No overrides: inferred engine, rank 0, training stage. */
    public static ConfigOverrides none() {
        return new ConfigOverrides(null, 0, null, null, false);
    }

    public ConfigOverrides withEngine(Engine e) {
        return new ConfigOverrides(e, localRank, expId, dsConfig, test);
    }

    public ConfigOverrides withTest(boolean t) {
        return new ConfigOverrides(engine, localRank, expId, dsConfig, t);
    }
}
