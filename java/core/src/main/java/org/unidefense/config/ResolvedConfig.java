package org.unidefense.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a run needs from its configuration: the model file's three blocks with defaults
 * filled in, command-line overrides applied, and the dataset file it points to.
 *
 * @param modelFile   the model file given with {@code --config} (the reference's {@code cfg_path})
 * @param datasetFile the dataset file found for {@code data.file} / {@code --ds_config}
 * @param engine      the engine (from {@code --engine}, or inferred from the dataset file)
 * @param test        whether this is the test stage ({@code --test})
 * @param model       the {@code model:} block
 * @param config      the {@code config:} block
 * @param data        the {@code data:} block
 * @param dataset     the dataset file
 * @param warnings    non-fatal findings (unknown keys with "did you mean" hints, duplicate keys)
 */
public record ResolvedConfig(
        Path modelFile,
        Path datasetFile,
        Engine engine,
        boolean test,
        ModelConfig model,
        TrainConfig config,
        DataConfig data,
        DatasetConfig dataset,
        List<String> warnings) {

    /**
     * The resolved configuration as plain maps in the reference's key names: {@code model},
     * {@code config}, {@code data} (with the dataset file's path) and {@code dataset} (the dataset
     * file merged in) — the same four groups the reference logs for each run.
     */
    public Map<String, Object> toPlain() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cfg_path", modelFile.toString());
        out.put("model", model.toPlain());
        out.put("config", configPlain());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("file", datasetFile.toString());
        d.put("train_batch_size", data.trainBatchSize());
        d.put("val_batch_size", data.valBatchSize());
        d.put("test_batch_size", data.testBatchSize());
        d.put("num_workers", data.numWorkers());
        d.put("on_error", data.onError().key());
        out.put("data", d);
        out.put("dataset", dataset.toPlain());
        return out;
    }

    private Map<String, Object> configPlain() {
        TrainConfig c = config;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", c.engine().name());
        m.put("local_rank", c.localRank());
        m.put("id", c.id());
        m.put("debug", c.debug());
        if (c.distributeBackend() != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("backend", c.distributeBackend());
            d.put("timeout_s", c.distributeTimeoutS());
            d.put("bucket_mb", c.distributeBucketMb());
            m.put("distribute", d);
        }
        m.put("find_unused", c.findUnused());
        m.put("warmup_step", c.warmupStep());
        m.put("lambda_triplet", c.lambdaTriplet());
        m.put("lambda_recons", c.lambdaRecons());
        m.put("lambda_freq", c.lambdaFreq());
        m.put("lambda_mask", c.lambdaMask());
        m.put("lambda_fac", c.lambdaFac());
        if (model.arch().isRecce()) {
            m.put("lambda_1", c.lambda1());
            m.put("lambda_2", c.lambda2());
        }
        if (c.lambdaAuxCls() != null) {
            m.put("lambda_aux_cls", c.lambdaAuxCls());
        }
        if (c.optimizer() != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", c.optimizer().name());
            o.put("lr", c.optimizer().lr());
            o.put("weight_decay", c.optimizer().weightDecay());
            o.putAll(c.optimizer().params());
            m.put("optimizer", o);
        }
        Map<String, Object> sch = new LinkedHashMap<>();
        sch.put("name", c.scheduler().name());
        sch.putAll(c.scheduler().params());
        m.put("scheduler", sch);
        m.put("crop", c.crop().key());
        m.put("resume", c.resume());
        m.put("resume_best", c.resumeBest());
        if (c.notes() != null) {
            m.put("notes", c.notes());
        }
        switch (c.engine()) {
            case OCIM -> {
                m.put("train_margin", c.trainMargin().toPlain());
                m.put("val_margin", c.valMargin().toPlain());
                m.put("test_margin", c.testMargin().toPlain());
            }
            case UE -> {
                m.put("margin", c.margin() == null ? null : c.margin().toPlain());
                m.put("use_domain_label", c.useDomainLabel());
            }
            default -> {
            }
        }
        m.put("seed", c.seed());
        m.put("coral", c.coral().key());
        m.put("pass1_grad_carry", c.pass1GradCarry());
        m.put("device", c.device().toString());
        m.put("memory_format", c.memoryFormat() == null ? "auto" : c.memoryFormat().key());
        m.put("precision", c.precision().key());
        m.put("trainer_states", c.trainerStates().key());
        return m;
    }
}
