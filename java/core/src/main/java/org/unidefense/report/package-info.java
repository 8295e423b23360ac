/**
 * What people look at during and after training and evaluation, with no dependency beyond the JDK
 * and Jackson: {@link org.unidefense.report.ProgressBar} (one redrawn line on a terminal, periodic
 * lines in a log), {@link org.unidefense.report.RunLog} / {@link org.unidefense.report.RunHistory}
 * (the append-only {@code metrics.jsonl} of a run), PNG plots drawn with Java2D in headless mode
 * ({@link org.unidefense.report.RocPlot}, {@link org.unidefense.report.ScoreHistogram},
 * {@link org.unidefense.report.CurvePlot}), and {@link org.unidefense.report.EvaluationReport}, a
 * directory with a self-contained {@code report.html}, the PNGs and {@code metrics.json}, plus
 * {@link org.unidefense.report.MetricTable} for the terminal.
 *
 * <p>Metric names are the reference's ({@code AUC, EER, Thre, ACC, ...}, see
 * {@link org.unidefense.metrics.MetricReport#KEYS}); scores are P(real), label 0 is real.
 */
package org.unidefense.report;
