package org.unidefense.data.synth;

import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.data.transform.Pixels;

/**
 * A face swap: another identity's eyes, nose and mouth, drawn at the target's pose, generated at
 * low resolution (blocks and a periodic stamp), only partly colour-corrected to the target skin and
 * pasted with a narrow feather, so the seam and the colour step stay visible.
 */
public final class FaceSwapAttack implements Attack {
    private final FaceRenderer renderer;

    public FaceSwapAttack(FaceRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public SampleKind kind() {
        return SampleKind.FACE_SWAP;
    }

    @Override
    public Mat apply(RenderedFrame target, RandomGenerator random) {
        Identity donor = Identity.fromSeed(random.nextLong());
        RenderedFrame donorScene = renderer.renderScene(donor, target.jitter(), target.pose());
        Mat donorFrame = Camera.capture(donorScene.image(), target.jitter());
        Mat generated = GeneratorArtifacts.upsampled(donorFrame, random);

        float[] region = Regions.innerFace(target, target.size() / 110.0);
        double[] targetMean = Regions.meanInside(target.image(), region);
        double[] donorMean = Regions.meanInside(generated, region);
        double correction = random.nextDouble(0.3, 0.6);
        double[] shift = new double[3];
        for (int c = 0; c < 3; c++) {
            shift[c] = (targetMean[c] - donorMean[c]) * correction + random.nextDouble(-12, 12);
        }
        byte[] px = Pixels.bytes(generated);
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (int) Rgb.clamp((px[i] & 0xFF) + shift[i % 3] + 0.5);
        }
        Pixels.put(generated, px);
        return Regions.blend(target.image(), generated, region);
    }
}
