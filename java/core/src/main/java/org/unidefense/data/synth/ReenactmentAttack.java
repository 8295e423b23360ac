package org.unidefense.data.synth;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.data.transform.Pixels;

/**
 * Expression reenactment (Face2Face / NeuralTextures style): the same person with another mouth
 * opening and a slight head turn, regenerated at low resolution with a slight tone drift, in the
 * lower face only.
 */
public final class ReenactmentAttack implements Attack {
    private final FaceRenderer renderer;

    public ReenactmentAttack(FaceRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public SampleKind kind() {
        return SampleKind.REENACTMENT;
    }

    @Override
    public Mat apply(RenderedFrame target, RandomGenerator random) {
        FrameJitter j = target.jitter();
        double newOpen = j.mouthOpen() > 0.3 ? random.nextDouble(0, 0.1) : random.nextDouble(0.5, 1.0);
        FrameJitter driven = new FrameJitter(j.dx(), j.dy(), j.rotationDeg(), j.scale(),
                j.yaw() + random.nextDouble(-0.05, 0.05), j.lightDelta(), j.exposure() * random.nextDouble(0.95, 1.05),
                j.eyeOpen(), newOpen, j.blurSigma(), j.noiseSigma(), j.jpegQuality(), random.nextLong());
        RenderedFrame scene = renderer.renderScene(target.identity(), driven, target.pose());
        Mat generated = GeneratorArtifacts.upsampled(Camera.capture(scene.image(), driven), random);
        // generators drift in tone: a small brightness and colour offset over the regenerated part
        double drift = random.nextDouble(8, 14) * (random.nextBoolean() ? 1 : -1);
        double[] cast = {drift + random.nextDouble(-3, 3), drift + random.nextDouble(-3, 3), drift + random.nextDouble(-3, 3)};
        byte[] px = Pixels.bytes(generated);
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (int) Rgb.clamp((px[i] & 0xFF) + cast[i % 3] + 0.5);
        }
        Pixels.put(generated, px);
        return Regions.blend(target.image(), generated, Regions.lowerFace(target, target.size() / 90.0));
    }
}
