package org.unidefense.data.synth;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Tinted glasses (a partial attack): dark lenses over both eyes with a thick frame, a bridge,
 * temple arms towards the ears and a specular streak on each lens.
 */
public final class GlassesAttack implements Attack {
    private static final Rgb[] TINT = {new Rgb(25, 25, 30), new Rgb(60, 40, 20), new Rgb(20, 40, 70), new Rgb(40, 60, 40)};
    private static final Rgb[] FRAME = {new Rgb(10, 10, 10), new Rgb(90, 60, 30), new Rgb(150, 150, 160), new Rgb(120, 20, 30)};

    @Override
    public SampleKind kind() {
        return SampleKind.GLASSES;
    }

    @Override
    public Mat apply(RenderedFrame scene, RandomGenerator random) {
        Identity id = scene.identity();
        double yaw = scene.jitter().yaw();
        double lensX = Math.min(id.eyeRx() * random.nextDouble(1.45, 1.7), id.eyeU() * 0.9);
        double lensY = Math.max(id.eyeRy() * 2.6, 0.2);
        Mat tinted = MakeupAttack.solid(scene, TINT[random.nextInt(TINT.length)].jitter(random, 10));
        float[] lenses = Regions.eyes(scene, lensX / id.eyeRx(), lensY / id.eyeRy());
        float opacity = (float) random.nextDouble(0.6, 0.8);
        for (int p = 0; p < lenses.length; p++) {
            lenses[p] *= opacity;
        }
        Mat out = Regions.blend(scene.image(), tinted, lenses);

        Canvas c = new Canvas(out, scene.pose());
        Scalar frame = FRAME[random.nextInt(FRAME.length)].scalar();
        double thick = random.nextDouble(0.04, 0.07);
        Scalar glint = new Scalar(235, 235, 235, 0);
        for (int side = -1; side <= 1; side += 2) {
            double eu = side * id.eyeU() + yaw * 0.6;
            c.arc(eu, id.eyeV(), lensX, lensY, 0, 0, 360, frame, thick);
            c.line(eu + side * lensX, id.eyeV() - lensY * 0.3, side * 1.02, id.eyeV() - 0.05, frame, thick);
            c.line(eu - lensX * 0.45, id.eyeV() + lensY * 0.1, eu - lensX * 0.1, id.eyeV() - lensY * 0.55, glint, 0.02);
        }
        c.arc(yaw * 0.6, id.eyeV() - lensY * 0.2, Math.max(0.03, id.eyeU() - lensX), lensY * 0.45, 0, 180, 360, frame, thick);
        return out;
    }
}
