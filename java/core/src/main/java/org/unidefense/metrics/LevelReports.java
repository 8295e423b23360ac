package org.unidefense.metrics;

/** Metrics of one evaluation at frame level and at video level (frame scores averaged per video). */
public record LevelReports(MetricReport frame, MetricReport video, VideoScores videos) {
}
