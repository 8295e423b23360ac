package org.unidefense.engine;

import org.unidefense.metrics.MetricReport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one validation or test: flat metrics named {@code <set>[/<level>]/<reference key>}
 * (e.g. {@code val/AUC}, {@code test/video/ACER}), the decision threshold the protocol chose, and
 * the lines to log.
 */
public record Evaluation(Map<String, Double> metrics, double threshold, List<String> lines) {

    /** Adds a report's values under {@code prefix/}. */
    static void put(Map<String, Double> into, String prefix, MetricReport report) {
        report.toMap().forEach((k, v) -> into.put(prefix + "/" + k, v.doubleValue()));
    }

    static Map<String, Double> newMetrics() {
        return new LinkedHashMap<>();
    }

    /** One log line in the reference's style for a report. */
    static String line(String what, MetricReport r) {
        return String.format(java.util.Locale.ROOT,
                "%s: AUC %.4f, EER %.4f, ACC %.4f, APCER %.4f, BPCER %.4f, ACER %.4f, TPR5%% %.4f, Thres %.8f, #Pos %d, #Neg %d",
                what, r.auc(), r.eer(), r.accuracy(), r.apcer(), r.bpcer(), r.acer(), r.tprAtFpr5(), r.threshold(),
                r.numPositives(), r.numNegatives());
    }
}
