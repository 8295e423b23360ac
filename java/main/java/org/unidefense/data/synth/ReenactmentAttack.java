package org.unidefense.data.synth;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Expression reenactment (Face2Face / NeuralTextures style): the same person with another mouth
 * opening and a slight head turn, regenerated at half resolution in the lower face only.
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
    public Mat apply(Frame target, RandomGenerator random) {
        FrameJitter j = target.jitter();
        double newOpen = j.mouthOpen() > 0.3 ? random.nextDouble(0, 0.1) : random.nextDouble(0.5, 1.0);
        FrameJitter driven = new FrameJitter(j.dx(), j.dy(), j.rotationDeg(), j.scale(),
                j.yaw() + random.nextDouble(-0.05, 0.05), j.lightDelta(), j.exposure() * random.nextDouble(0.95, 1.05),
                j.eyeOpen(), newOpen, j.blurSigma(), j.noiseSigma(), j.jpegQuality(), random.nextLong());
        Frame scene = renderer.renderScene(target.identity(), driven, target.pose());
        Mat generated = GeneratorArtifacts.upsampled(Camera.capture(scene.image(), driven), random);
        return Regions.blend(target.image(), generated, Regions.lowerFace(target, target.size() / 90.0));
    }
}
