package org.unidefense.engine;

import org.unidefense.config.ResolvedConfig;
import org.unidefense.data.SplitIndex;
import org.unidefense.data.loader.SplitLoaders.Role;
import org.unidefense.metrics.LevelReports;
import org.unidefense.metrics.MetricReport;
import org.unidefense.metrics.ThresholdRule;
import org.unidefense.model.UniDefenseModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * UE (uniattack_engine): real and fake training streams; each validation scores the val real and
 * fake frames, takes their EER threshold and applies it to the test split at frame and video
 * level. The reference keeps the model with the lowest <em>test</em> frame ACER ({@code best});
 * this port also keeps the one with the lowest validation frame ACER ({@code best_val}), whose test
 * numbers are not selected on the test data.
 */
public final class UniAttackProtocol extends Protocol {

    UniAttackProtocol(ResolvedConfig cfg, SplitIndex index) {
        super(cfg, index);
    }

    @Override
    public Evaluation validate(UniDefenseModel model) {
        ScoredFrames val = ScoredFrames.concat(score(model, trainPart("val/real"), Role.VAL),
                score(model, trainPart("val/fake"), Role.VAL));
        MetricReport dev = val.frameMetrics(ThresholdRule.AUTO);
        ThresholdRule fromVal = ThresholdRule.fixed(dev.threshold());
        ScoredFrames frames = score(model, only(index.test(), "test"), Role.TEST);
        LevelReports test = frames.frameAndVideo(fromVal);
        return new Evaluation.Builder().level("val frame", "val/frame", dev)
                .level("test video", "test/video", test.video()).level("test frame", "test/frame", test.frame())
                .build(dev.threshold(), fromVal, frames);
    }

    /** The reference's test stage repeats a validation: val threshold, then test at frame and video level. */
    @Override
    public Evaluation test(UniDefenseModel model) {
        return validate(model);
    }

    @Override
    public List<BestModelRule> rules() {
        return List.of(BestModelRule.uniAttackTest(), BestModelRule.uniAttackVal());
    }

    @Override
    public Map<String, Object> referenceBestEntries(Map<String, Double> best) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("best_auc", best.getOrDefault("test/frame/AUC", 0.0));
        e.put("best_auc_video", best.getOrDefault("test/video/AUC", 0.0));
        e.put("best_hter", best.getOrDefault("test/frame/ACER", 1.0e8));
        e.put("best_hter_video", best.getOrDefault("test/video/ACER", 1.0e8));
        return e;
    }
}
