package org.unidefense.data.synth;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.unidefense.data.transform.Pixels;

import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;

/**
 * A rigid mask worn over the face: skin without texture (heavily smoothed), flattened shading, a
 * uniform plastic tone, a hard rim along the face outline, and shadowed eye holes through which
 * the real eyes show.
 */
public final class RigidMaskAttack implements Attack {

    @Override
    public SampleKind kind() {
        return SampleKind.RIGID_MASK;
    }

    @Override
    public Mat apply(RenderedFrame scene, RandomGenerator random) {
        int s = scene.size();
        Mat smooth = new Mat();
        GaussianBlur(scene.image(), smooth, new Size(0, 0), s / random.nextDouble(35, 50));
        float[] face = Regions.face(scene);
        float[] holes = Regions.eyes(scene, 1.15, 1.7);
        double[] mean = Regions.meanInside(smooth, face);
        Rgb plastic = new Rgb(mean[0], mean[1], mean[2]).mix(new Rgb(225, 200, 185), random.nextDouble(0.2, 0.45));
        double flatten = random.nextDouble(0.4, 0.6);
        double[] tone = {plastic.r(), plastic.g(), plastic.b()};
        byte[] m = Pixels.bytes(smooth);
        for (int i = 0; i < m.length; i++) {
            double v = m[i] & 0xFF;
            m[i] = (byte) (int) Rgb.clamp(tone[i % 3] + (v - mean[i % 3]) * flatten + 0.5);
        }
        Mat mask = Pixels.fromBytes(m, s, s, 3);
        Canvas rim = new Canvas(mask, scene.pose());
        Identity id = scene.identity();
        rim.arc(0, 0, 0.985, id.aspect() * 0.985, 0, 0, 360, plastic.scale(0.55).scalar(), 0.03);
        Scalar holeShadow = plastic.scale(0.35).scalar();
        for (int side = -1; side <= 1; side += 2) {
            rim.arc(side * id.eyeU() + scene.jitter().yaw() * 0.6, id.eyeV(), id.eyeRx() * 1.2, id.eyeRy() * 1.8,
                    0, 0, 360, holeShadow, 0.035);
        }
        float[] alpha = new float[face.length];
        for (int p = 0; p < alpha.length; p++) {
            alpha[p] = face[p] * (1 - holes[p]);
        }
        return Regions.blend(scene.image(), mask, alpha);
    }
}
