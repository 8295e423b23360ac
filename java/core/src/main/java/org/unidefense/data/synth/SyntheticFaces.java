package org.unidefense.data.synth;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.data.transform.ImageCompression;
import org.unidefense.data.transform.Pixels;

/**
 * Renders one sample of a synthetic UniAttack-like benchmark: who (identity seed), which frame
 * (frame seed: pose, light, expression, camera) and what kind. The same three inputs always give
 * the same bytes. Physical attacks happen in front of the camera; digital forgeries are applied to
 * the captured frame and re-encoded, as videos are.
 */
public final class SyntheticFaces {
    private final FaceRenderer renderer;
    private final Map<SampleKind, Attack> attacks = new EnumMap<>(SampleKind.class);

    public SyntheticFaces(int size) {
        renderer = new FaceRenderer(size);
        for (Attack a : new Attack[] {new FaceSwapAttack(renderer), new ReenactmentAttack(renderer), new PrintAttack(),
            new ReplayAttack(), new RigidMaskAttack(), new MakeupAttack(), new TattooAttack(), new GlassesAttack()}) {
            attacks.put(a.kind(), a);
        }
    }

    public FaceRenderer renderer() {
        return renderer;
    }

    public Attack attack(SampleKind kind) {
        return attacks.get(kind);
    }

    /**
     * An RGB uint8 image of the renderer's size. Intermediates are freed before returning; the
     * caller owns the result and should {@code close()} it.
     */
    public Mat render(long identitySeed, long frameSeed, SampleKind kind) {
        try (PointerScope scope = new PointerScope()) {
            Mat out = renderInScope(identitySeed, frameSeed, kind);
            out.retainReference();
            return out;
        }
    }

    /** The sample's pixels in HWC RGB order. */
    public byte[] renderBytes(long identitySeed, long frameSeed, SampleKind kind) {
        try (PointerScope scope = new PointerScope()) {
            return Pixels.bytes(renderInScope(identitySeed, frameSeed, kind));
        }
    }

    private Mat renderInScope(long identitySeed, long frameSeed, SampleKind kind) {
        Identity id = Identity.fromSeed(identitySeed);
        FrameJitter jitter = FrameJitter.fromSeed(frameSeed);
        SplittableRandom random = new SplittableRandom(identitySeed * 0x9E3779B97F4A7C15L + frameSeed * 31 + kind.ordinal());
        return switch (kind.family()) {
            case BONA_FIDE -> renderer.render(id, jitter).image();
            case PHYSICAL -> Camera.capture(attacks.get(kind).apply(renderer.renderScene(id, jitter), random), jitter);
            case DIGITAL -> ImageCompression.reencode(attacks.get(kind).apply(renderer.render(id, jitter), random),
                    ImageCompression.Format.JPEG, random.nextInt(70, 91));
        };
    }
}
