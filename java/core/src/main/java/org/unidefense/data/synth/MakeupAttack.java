package org.unidefense.data.synth;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Heavy make-up: saturated eye shadow above the eyes, thick eyeliner, strong lipstick and blush
 * on the cheeks; soft-edged colour layers at fixed facial landmarks.
 */
public final class MakeupAttack implements Attack {
    private static final Rgb[] SHADOW = {
        new Rgb(120, 40, 150), new Rgb(30, 80, 170), new Rgb(40, 140, 90), new Rgb(200, 150, 40), new Rgb(170, 40, 90),
    };
    private static final Rgb[] LIPSTICK = {
        new Rgb(170, 10, 35), new Rgb(200, 40, 110), new Rgb(100, 20, 70), new Rgb(220, 70, 60),
    };

    @Override
    public SampleKind kind() {
        return SampleKind.MAKEUP;
    }

    @Override
    public Mat apply(RenderedFrame scene, RandomGenerator random) {
        Identity id = scene.identity();
        double yaw = scene.jitter().yaw();
        Rgb shadow = SHADOW[random.nextInt(SHADOW.length)].jitter(random, 15);
        Rgb lipstick = LIPSTICK[random.nextInt(LIPSTICK.length)].jitter(random, 15);
        Rgb blush = new Rgb(230, 90, 120).jitter(random, 15);
        double feather = scene.size() / 90.0;
        Mat out = scene.image();

        Mat shadowMask = Regions.blankMask(scene);
        Canvas sm = new Canvas(shadowMask, scene.pose());
        for (int side = -1; side <= 1; side += 2) {
            sm.fillEllipse(side * id.eyeU() + yaw * 0.6, id.eyeV() - id.eyeRy() * 0.9, id.eyeRx() * 1.25,
                    id.eyeRy() * 1.4, 0, grey(random.nextDouble(0.55, 0.75)));
        }
        out = Regions.blend(out, solid(scene, shadow), Regions.toAlpha(shadowMask, feather));
        out = Regions.blend(out, solid(scene, lipstick), lips(scene, random.nextDouble(0.7, 0.9)));

        Mat blushMask = Regions.blankMask(scene);
        Canvas bm = new Canvas(blushMask, scene.pose());
        for (int side = -1; side <= 1; side += 2) {
            bm.fillEllipse(side * 0.58 + yaw * 0.5, (id.eyeV() + id.mouthV()) / 2 + 0.08, 0.24, 0.18, 0,
                    grey(random.nextDouble(0.35, 0.5)));
        }
        out = Regions.blend(out, solid(scene, blush), Regions.toAlpha(blushMask, feather * 2.5));

        Canvas liner = new Canvas(out, scene.pose());
        Scalar black = new Scalar(15, 10, 20, 0);
        for (int side = -1; side <= 1; side += 2) {
            double eu = side * id.eyeU() + yaw * 0.6;
            liner.arc(eu, id.eyeV(), id.eyeRx() * 1.08, id.eyeRy() * scene.jitter().eyeOpen() * 1.1, 0, 180, 360,
                    black, 0.05);
            liner.line(eu + side * id.eyeRx(), id.eyeV(), eu + side * id.eyeRx() * 1.35, id.eyeV() - id.eyeRy() * 0.6,
                    black, 0.04);
        }
        return out;
    }

    /** The two lips as drawn by the renderer, without the open mouth between them. */
    private static float[] lips(RenderedFrame scene, double strength) {
        Identity id = scene.identity();
        double mu = scene.jitter().yaw() * 0.8;
        double mv = id.mouthV();
        double lip = id.lipThickness();
        double gap = scene.jitter().mouthOpen() * lip * 1.6;
        Mat m = Regions.blankMask(scene);
        Canvas c = new Canvas(m, scene.pose());
        c.fillEllipse(mu, mv - gap * 0.5, id.mouthHalfWidth(), lip + gap * 0.5, 0, grey(strength));
        c.fillEllipse(mu, mv + gap * 0.5, id.mouthHalfWidth() * 0.92, lip * 1.2 + gap * 0.5, 0, grey(strength));
        if (gap > 0) {
            c.fillEllipse(mu, mv, id.mouthHalfWidth() * 0.8, gap, 0, grey(0));
        }
        return Regions.toAlpha(m, scene.size() / 200.0);
    }

    private static Scalar grey(double level) {
        double v = 255 * level;
        return new Scalar(v, v, v, 0);
    }

    static Mat solid(RenderedFrame scene, Rgb colour) {
        return new Mat(scene.size(), scene.size(), org.bytedeco.opencv.global.opencv_core.CV_8UC3, colour.scalar());
    }
}
