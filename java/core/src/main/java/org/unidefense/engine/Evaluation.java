package org.unidefense.engine;

import org.unidefense.metrics.MetricReport;
import org.unidefense.metrics.ThresholdRule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one validation or test.
 * @param metrics   flat metrics named {@code <set>[/<level>]/<reference key>} (e.g. {@code val/AUC},
 *                  {@code test/video/ACER}), for logs, checkpoints and best-model rules
 * @param levels    the reports by level name (e.g. {@code test frame}), for tables and reports
 * @param threshold the decision threshold the protocol chose
 * @param rule      how the reported levels' threshold was chosen
 * @param samples   the frames of the main evaluated set (for score plots)
 * @param lines     lines to log
 */
public record Evaluation(Map<String, Double> metrics, Map<String, MetricReport> levels, double threshold,
                         ThresholdRule rule, ScoredFrames samples, List<String> lines) {

    /** Collects the levels of one evaluation. */
    static final class Builder {
        private final Map<String, Double> metrics = new LinkedHashMap<>();
        private final Map<String, MetricReport> levels = new LinkedHashMap<>();

        /** Adds a report as level {@code name} and its values under {@code prefix/}. */
        Builder level(String name, String prefix, MetricReport report) {
            levels.put(name, report);
            report.toMap().forEach((k, v) -> metrics.put(prefix + "/" + k, v.doubleValue()));
            return this;
        }

        Evaluation build(double threshold, ThresholdRule rule, ScoredFrames samples) {
            List<String> lines = levels.entrySet().stream().map(e -> line(e.getKey(), e.getValue())).toList();
            return new Evaluation(metrics, levels, threshold, rule, samples, lines);
        }
    }

    /** One log line in the reference's style for a report. */
    static String line(String what, MetricReport r) {
        return String.format(Locale.ROOT,
                "%s: AUC %.4f, EER %.4f, ACC %.4f, APCER %.4f, BPCER %.4f, ACER %.4f, TPR5%% %.4f, Thres %.8f, #Pos %d, #Neg %d",
                what, r.auc(), r.eer(), r.accuracy(), r.apcer(), r.bpcer(), r.acer(), r.tprAtFpr5(), r.threshold(),
                r.numPositives(), r.numNegatives());
    }
}
