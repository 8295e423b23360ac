package org.unidefense.data.synth;

import java.util.SplittableRandom;

/**
 * The fixed appearance of one synthetic person. Geometry is in face units: the face's half-width
 * is 1, u grows to the image right, v downwards, the face centre is (0, 0).
 */
public record Identity(
        long seed,
        double faceHalfWidth,      // fraction of the image size
        double aspect,             // face half-height / half-width
        double eyeU, double eyeV, double eyeRx, double eyeRy,
        double browGap, double browThickness, double browTilt,
        double noseLength, double noseWidth,
        double mouthV, double mouthHalfWidth, double lipThickness,
        Rgb skin, Rgb lips, Rgb iris, Rgb hair, Rgb shirt,
        int hairStyle,             // 0 short, 1 long, 2 very short / shaved
        double fringeDepth,
        double lightAzimuth, double ambient,
        Rgb backgroundA, Rgb backgroundB, int backgroundPattern, double backgroundFrequency,
        double skinTexture) {

    private static final Rgb[] HAIR = {
        new Rgb(25, 20, 18), new Rgb(70, 45, 30), new Rgb(120, 80, 45), new Rgb(190, 150, 90),
        new Rgb(150, 60, 30), new Rgb(160, 160, 160),
    };
    private static final Rgb[] IRIS = {
        new Rgb(70, 45, 25), new Rgb(110, 75, 40), new Rgb(60, 100, 150), new Rgb(80, 120, 80), new Rgb(100, 110, 120),
    };

    /** A person drawn from {@code seed}; the same seed always gives the same person. */
    public static Identity fromSeed(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        double tone = r.nextDouble();
        Rgb skin = new Rgb(95, 60, 42).mix(new Rgb(245, 210, 185), tone).jitter(r, 12);
        Rgb lips = skin.mix(new Rgb(170, 70, 75), r.nextDouble(0.35, 0.6)).scale(0.92);
        Rgb hair = HAIR[r.nextInt(HAIR.length)].jitter(r, 12);
        Rgb iris = IRIS[r.nextInt(IRIS.length)].jitter(r, 15);
        Rgb shirt = new Rgb(r.nextDouble(20, 230), r.nextDouble(20, 230), r.nextDouble(20, 230));
        Rgb bgA = new Rgb(r.nextDouble(40, 230), r.nextDouble(40, 230), r.nextDouble(40, 230));
        Rgb bgB = bgA.mix(new Rgb(r.nextDouble(20, 240), r.nextDouble(20, 240), r.nextDouble(20, 240)), 0.5);
        double eyeRx = r.nextDouble(0.17, 0.23);
        return new Identity(seed,
                r.nextDouble(0.25, 0.3), r.nextDouble(1.2, 1.42),
                r.nextDouble(0.36, 0.46), r.nextDouble(-0.18, -0.05), eyeRx, eyeRx * r.nextDouble(0.45, 0.6),
                r.nextDouble(0.17, 0.26), r.nextDouble(0.04, 0.08), r.nextDouble(-8, 8),
                r.nextDouble(0.38, 0.52), r.nextDouble(0.12, 0.2),
                r.nextDouble(0.68, 0.82), r.nextDouble(0.28, 0.4), r.nextDouble(0.05, 0.085),
                skin, lips, iris, hair, shirt,
                r.nextInt(3), r.nextDouble(0.25, 0.55),
                r.nextDouble(0, 2 * Math.PI), r.nextDouble(0.45, 0.65),
                bgA, bgB, r.nextInt(4), r.nextDouble(1.5, 5),
                r.nextDouble(2, 4.5));
    }
}
