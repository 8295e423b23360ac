/**
 * Evaluation metrics of the reference's {@code utils/statistic.py::cal_metrics}, reproduced to the
 * last bit on its D_metrics fixtures: ROC ({@code roc_curve(pos_label=0)}, intermediate points
 * dropped), trapezoidal AUC, EER by Brent's method on the interpolated ROC, the EER threshold,
 * and ACC/APCER/BPCER/ACER/TPR@FPR at a threshold ({@link org.unidefense.metrics.ThresholdRule}).
 *
 * <p>Conventions: label 0 = real = positive class; score = P(real); predicted real when
 * {@code score > threshold}. Start at {@link org.unidefense.metrics.Metrics}.
 *
 * <p>Behaviour kept from the reference on purpose:
 * <ul>
 *   <li>The EER threshold can be +Infinity (EER on the first ROC segment, scikit-learn 1.3), and
 *       when the EER is 0 it equals the lowest real score, which {@code score > threshold} then
 *       counts as fake.</li>
 *   <li>{@code best} tries only the distinct scores, lowest first, and keeps the first minimum.</li>
 * </ul>
 * Scores are doubles throughout. The reference's engines hand float32 arrays to
 * {@code cal_metrics} on their video/frame path, where scipy's {@code interp1d} then skips
 * numpy's NaN retry (an infinite EER threshold becomes NaN there); this package always follows
 * the float64 path that the fixtures record.
 */
package org.unidefense.metrics;
