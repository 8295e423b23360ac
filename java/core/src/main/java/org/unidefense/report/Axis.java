package org.unidefense.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A linear or base-10 logarithmic data range with its label and "nice" tick positions. */
public record Axis(double min, double max, boolean log, String label) {

    public Axis {
        if (!(max > min) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("axis '" + label + "': need finite min < max, got " + min + ", " + max);
        }
        if (log && min <= 0) {
            throw new IllegalArgumentException("axis '" + label + "': a log axis needs min > 0, got " + min);
        }
    }

    public static Axis linear(double min, double max, String label) {
        return new Axis(min, max, false, label);
    }

    public static Axis logarithmic(double min, double max, String label) {
        return new Axis(min, max, true, label);
    }

    /**
     * A linear axis around finite {@code values} with 5 % headroom each side; a constant series
     * gets a unit-wide range so that it still draws as a line in the middle.
     */
    public static Axis fitting(double[] values, String label) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            return linear(0, 1, label);
        }
        if (lo == hi) {
            double half = lo == 0 ? 0.5 : Math.abs(lo) * 0.1;
            return linear(lo - half, hi + half, label);
        }
        double pad = (hi - lo) * 0.05;
        return linear(lo - pad, hi + pad, label);
    }

    /** Where {@code v} falls between min (0) and max (1); values outside give fractions outside [0, 1]. */
    public double fraction(double v) {
        if (log) {
            double clamped = Math.max(v, Double.MIN_NORMAL);
            return (Math.log10(clamped) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        }
        return (v - min) / (max - min);
    }

    /** About {@code target} tick values on multiples of 1, 2 or 5 × 10^k (decades on a log axis). */
    public List<Double> ticks(int target) {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (int e = (int) Math.ceil(Math.log10(min) - 1e-9); e <= Math.floor(Math.log10(max) + 1e-9); e++) {
                ticks.add(Math.pow(10, e));
            }
            return ticks;
        }
        double step = tickStep(target);
        // integer multiples in decimal arithmetic, so 3 x 0.2 is 0.6 and not 0.6000000000000001
        java.math.BigDecimal exactStep = java.math.BigDecimal.valueOf(step);
        for (long k = (long) Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) {
            ticks.add(exactStep.multiply(java.math.BigDecimal.valueOf(k)).doubleValue());
        }
        return ticks;
    }

    private double tickStep(int target) {
        double raw = (max - min) / Math.max(1, target);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / magnitude;
        double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /** The text of a tick: {@code 1e-3} style on a log axis, shortest decimals of the step otherwise. */
    public String format(double tick, List<Double> allTicks) {
        if (log) {
            int e = (int) Math.round(Math.log10(tick));
            return e >= 0 && e <= 3 ? Long.toString(Math.round(tick)) : "1e" + e;
        }
        double step = allTicks.size() > 1 ? Math.abs(allTicks.get(1) - allTicks.get(0)) : Math.abs(tick);
        double magnitude = Math.max(Math.abs(tick), Math.abs(step));
        if (magnitude >= 1e5 || (magnitude > 0 && magnitude < 1e-3)) {
            return String.format(Locale.ROOT, "%.1e", tick);
        }
        int decimals = step > 0 ? Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9)) : 0;
        return String.format(Locale.ROOT, "%." + decimals + "f", tick == 0 ? 0.0 : tick);
    }
}
