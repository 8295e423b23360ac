package org.unidefense.data.synth;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Face tattoo or paint: sharp thin curves and dots on the forehead, cheeks and chin, in ink that
 * contrasts with the skin, confined to the face and unaffected by its shading.
 */
public final class TattooAttack implements Attack {
    private static final Rgb[] DARK_INK = {new Rgb(20, 25, 60), new Rgb(15, 50, 35), new Rgb(12, 12, 12), new Rgb(90, 10, 20)};
    private static final Rgb[] LIGHT_PAINT = {new Rgb(240, 240, 235), new Rgb(250, 220, 90), new Rgb(150, 220, 250)};

    @Override
    public SampleKind kind() {
        return SampleKind.TATTOO;
    }

    @Override
    public Mat apply(RenderedFrame scene, RandomGenerator random) {
        Identity id = scene.identity();
        Mat ink = scene.image().clone();
        Mat where = Regions.blankMask(scene);
        Canvas c = new Canvas(ink, scene.pose());
        Canvas m = new Canvas(where, scene.pose());
        // dark ink on light skin, light paint on dark skin: the strokes always stand out
        Rgb skin = id.skin();
        boolean lightSkin = 0.299 * skin.r() + 0.587 * skin.g() + 0.114 * skin.b() > 120;
        Rgb[] palette = lightSkin ? DARK_INK : LIGHT_PAINT;
        Scalar colour = palette[random.nextInt(palette.length)].jitter(random, 10).scalar();
        Scalar on = new Scalar(230, 230, 230, 0);
        double[][] anchors = {
            {0, -id.aspect() * 0.55}, {-0.6, (id.eyeV() + id.mouthV()) / 2 + 0.1},
            {0.6, (id.eyeV() + id.mouthV()) / 2 + 0.1}, {0, id.mouthV() + 0.28},
        };
        int strokes = 3 + random.nextInt(3);
        for (int k = 0; k < strokes; k++) {
            double[] a = anchors[random.nextInt(anchors.length)];
            double u = a[0] + random.nextDouble(-0.12, 0.12);
            double v = a[1] + random.nextDouble(-0.08, 0.08);
            double heading = random.nextDouble(2 * Math.PI);
            double curl = random.nextDouble(-0.6, 0.6);
            double width = random.nextDouble(0.035, 0.055);
            for (int step = 0; step < 7; step++) {
                double nu = u + 0.07 * Math.cos(heading);
                double nv = v + 0.07 * Math.sin(heading);
                c.line(u, v, nu, nv, colour, width);
                m.line(u, v, nu, nv, on, width);
                u = nu;
                v = nv;
                heading += curl;
            }
            c.fillEllipse(u, v, width * 1.6, width * 1.6, 0, colour);
            m.fillEllipse(u, v, width * 1.6, width * 1.6, 0, on);
        }
        float[] alpha = Regions.toAlpha(where, 0);
        float[] face = Regions.face(scene);
        for (int p = 0; p < alpha.length; p++) {
            alpha[p] = Math.min(alpha[p], face[p]);
        }
        return Regions.blend(scene.image(), ink, alpha);
    }
}
