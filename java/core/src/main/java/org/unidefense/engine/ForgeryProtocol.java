package org.unidefense.engine;

import org.unidefense.config.ResolvedConfig;
import org.unidefense.data.SplitIndex;
import org.unidefense.data.loader.SplitLoaders.Role;
import org.unidefense.metrics.LevelReports;
import org.unidefense.metrics.ThresholdRule;
import org.unidefense.model.UniDefenseModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * FE (forgery_engine): equal real and fake training batches; validation on the {@code val} part
 * (the test split where the dataset has none) at frame level with threshold 0.5; best model by
 * AUC + ACC. The test stage adds video-level metrics (frame scores averaged per video).
 */
public final class ForgeryProtocol extends Protocol {
    static final ThresholdRule HALF = ThresholdRule.fixed(0.5);

    ForgeryProtocol(ResolvedConfig cfg, SplitIndex index) {
        super(cfg, index);
    }

    @Override
    public Evaluation validate(UniDefenseModel model) {
        ScoredFrames frames = score(model, only(index.val(), "validation"), Role.VAL);
        return new Evaluation.Builder().level("val", "val", frames.frameMetrics(HALF)).build(0.5, HALF, frames);
    }

    @Override
    public Evaluation test(UniDefenseModel model) {
        ScoredFrames frames = score(model, only(index.test(), "test"), Role.TEST);
        LevelReports r = frames.frameAndVideo(HALF);
        return new Evaluation.Builder().level("test frame", "test/frame", r.frame())
                .level("test video", "test/video", r.video()).build(0.5, HALF, frames);
    }

    @Override
    public List<BestModelRule> rules() {
        return List.of(BestModelRule.forgery());
    }

    @Override
    public Map<String, Object> referenceBestEntries(Map<String, Double> best) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("best_auc", best.getOrDefault("val/AUC", 0.0));
        e.put("best_acc", best.getOrDefault("val/ACC", 0.0));
        return e;
    }
}
