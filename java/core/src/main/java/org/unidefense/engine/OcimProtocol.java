package org.unidefense.engine;

import org.unidefense.config.ResolvedConfig;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.SplitIndex;
import org.unidefense.data.loader.SplitLoaders.Role;
import org.unidefense.metrics.LevelReports;
import org.unidefense.metrics.ThresholdRule;
import org.unidefense.model.UniDefenseModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OCIM (ocim_engine): one real and one fake stream per source domain, a batch from each every
 * step (reals of all domains first); validation on the target domain with the EER ({@code auto})
 * threshold chosen per level; the reference decides on video-level metrics, best by AUC − HTER.
 */
public final class OcimProtocol extends Protocol {

    OcimProtocol(ResolvedConfig cfg, SplitIndex index) {
        super(cfg, index);
    }

    @Override
    protected List<DatasetSplit> realTrainParts() {
        return index.train().stream().filter(p -> p.name().endsWith("/real")).toList();
    }

    @Override
    protected List<DatasetSplit> fakeTrainParts() {
        return index.train().stream().filter(p -> p.name().endsWith("/fake")).toList();
    }

    @Override
    public Evaluation validate(UniDefenseModel model) {
        return evaluate(model, only(index.val(), "validation"), Role.VAL, "val");
    }

    @Override
    public Evaluation test(UniDefenseModel model) {
        return evaluate(model, only(index.test(), "test"), Role.TEST, "test");
    }

    private Evaluation evaluate(UniDefenseModel model, DatasetSplit part, Role role, String set) {
        ScoredFrames frames = score(model, part, role);
        LevelReports r = frames.frameAndVideo(ThresholdRule.AUTO);
        return new Evaluation.Builder().level(set + " video", set + "/video", r.video())
                .level(set + " frame", set + "/frame", r.frame())
                .build(r.video().threshold(), ThresholdRule.AUTO, frames);
    }

    @Override
    public List<BestModelRule> rules() {
        return List.of(BestModelRule.ocim());
    }

    @Override
    public Map<String, Object> referenceBestEntries(Map<String, Double> best) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("best_auc", best.getOrDefault("val/video/AUC", 0.0));
        e.put("best_hter", best.getOrDefault("val/video/ACER", 1.0e8));
        return e;
    }
}
