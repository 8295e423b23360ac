package org.unidefense.data.transform;

/** OpenCV interpolation codes as written in configs ({@code interpolation: 2} is INTER_CUBIC). */
final class Interpolation {
    static final int LINEAR = 1;

    private Interpolation() {
    }

    static int read(TransformParams params) {
        int code = params.getInt("interpolation", LINEAR);
        if (code < 0 || code > 6) {
            throw params.fail("interpolation", "must be an OpenCV code 0..6 (0 nearest, 1 linear, "
                    + "2 cubic, 3 area, 4 lanczos4, 5 linear-exact, 6 nearest-exact), got " + code);
        }
        return code;
    }
}
