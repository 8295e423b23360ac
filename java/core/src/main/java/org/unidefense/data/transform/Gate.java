package org.unidefense.data.transform;

/** The {@code p} and {@code always_apply} parameters every albumentations transform takes. */
record Gate(double p, boolean alwaysApply) {

    static Gate read(TransformParams params, double defaultP) {
        double p = params.getDouble("p", defaultP);
        if (!(p >= 0 && p <= 1)) {
            throw params.fail("p", "must be a probability in [0, 1], got " + p);
        }
        return new Gate(p, params.getBoolean("always_apply", false));
    }
}
