package org.unidefense.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.unidefense.metrics.LevelReports;
import org.unidefense.metrics.MetricReport;

class MetricTableTest {
    static final MetricReport FRAME = new MetricReport(0.98766, 0.04321, 0.51234, 0.95, 0.9, 120, 0.925, 80,
            0.075, 0.1, 0.0875, 0.8, 0.9, null);
    static final MetricReport VIDEO = new MetricReport(1.0, 0.0, Double.POSITIVE_INFINITY, 0.5, 0.0, 12, 1.0, 8,
            0.0, 1.0, 0.5, 1.0, 1.0, null);

    @Test
    void frameAndVideoColumnsWithReferenceKeyRows() {
        String expected = ""
                + "metric       frame     video\n"
                + "AUC         0.9877    1.0000\n"
                + "EER         0.0432    0.0000\n"
                + "Thre        0.5123       inf\n"
                + "ACC         0.9500    0.5000\n"
                + "TP_Ratio    0.9000    0.0000\n"
                + "NumP           120        12\n"
                + "TN_Ratio    0.9250    1.0000\n"
                + "NumN            80         8\n"
                + "APCER       0.0750    0.0000\n"
                + "BPCER       0.1000    1.0000\n"
                + "ACER        0.0875    0.5000\n"
                + "TPR1%       0.8000    1.0000\n"
                + "TPR5%       0.9000    1.0000\n";
        assertEquals(expected, MetricTable.render(new LevelReports(FRAME, VIDEO, null)));
    }

    @Test
    void frameOnlyWhenThereIsNoVideoLevel() {
        String table = MetricTable.render(new LevelReports(FRAME, null, null));
        assertEquals("metric       frame", table.lines().findFirst().orElseThrow());
        assertEquals("NumN            80", table.lines().filter(l -> l.startsWith("NumN")).findFirst().orElseThrow());
    }
}
