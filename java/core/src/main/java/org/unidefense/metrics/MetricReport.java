package org.unidefense.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every value the reference's {@code cal_metrics} returns, plus the ROC curve it was computed
 * from (for plots). {@code threshold} is the one the threshold-dependent values were measured at
 * and may be +Infinity (see {@link EqualErrorRate}).
 */
public record MetricReport(
        double auc,
        double eer,
        double threshold,
        double accuracy,
        double truePositiveRatio,
        int numPositives,
        double trueNegativeRatio,
        int numNegatives,
        double apcer,
        double bpcer,
        double acer,
        double tprAtFpr1,
        double tprAtFpr5,
        RocCurve roc) {

    /** The reference's key names and order; {@code NumP}/{@code NumN} are Integers. */
    public static final String[] KEYS = {"AUC", "EER", "Thre", "ACC", "TP_Ratio", "NumP", "TN_Ratio",
        "NumN", "APCER", "BPCER", "ACER", "TPR1%", "TPR5%"};

    static MetricReport of(RocCurve roc, EqualErrorRate eer, double threshold, ConfusionCounts counts) {
        return new MetricReport(roc.auc(), eer.rate(), threshold, counts.accuracy(),
                counts.truePositiveRatio(), counts.numPositives(), counts.trueNegativeRatio(),
                counts.numNegatives(), counts.apcer(), counts.bpcer(), counts.acer(),
                roc.tprAtFpr(0.01), roc.tprAtFpr(0.05), roc);
    }

    /** ACER under the name the forgery engines print. */
    public double hter() {
        return acer;
    }

    public Map<String, Number> toMap() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put("AUC", auc);
        m.put("EER", eer);
        m.put("Thre", threshold);
        m.put("ACC", accuracy);
        m.put("TP_Ratio", truePositiveRatio);
        m.put("NumP", numPositives);
        m.put("TN_Ratio", trueNegativeRatio);
        m.put("NumN", numNegatives);
        m.put("APCER", apcer);
        m.put("BPCER", bpcer);
        m.put("ACER", acer);
        m.put("TPR1%", tprAtFpr1);
        m.put("TPR5%", tprAtFpr5);
        return m;
    }
}
