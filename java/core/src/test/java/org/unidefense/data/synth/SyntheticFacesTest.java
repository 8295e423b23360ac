package org.unidefense.data.synth;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.unidefense.data.transform.Pixels;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticFacesTest {
    private static final int SIZE = 128;
    private final SyntheticFaces faces = new SyntheticFaces(SIZE);
    private PointerScope scope;

    @BeforeEach
    void openScope() {
        scope = new PointerScope();
    }

    @AfterEach
    void closeScope() {
        scope.close();
    }

    @Test
    void sameSeedsGiveIdenticalBytesAndOtherSeedsDiffer() {
        SyntheticFaces other = new SyntheticFaces(SIZE);
        for (SampleKind kind : SampleKind.values()) {
            byte[] a = faces.renderBytes(3, 5, kind);
            assertArrayEquals(a, other.renderBytes(3, 5, kind), kind.name());
            assertFalse(Arrays.equals(a, faces.renderBytes(3, 6, kind)), kind + ": another frame");
            assertFalse(Arrays.equals(a, faces.renderBytes(4, 5, kind)), kind + ": another person");
        }
    }

    @Test
    void everyKindIsAnRgbImageOfTheRequestedSize() {
        for (int size : new int[] {64, 128, 256}) {
            SyntheticFaces f = new SyntheticFaces(size);
            for (SampleKind kind : SampleKind.values()) {
                try (Mat m = f.render(11, 12, kind)) {
                    assertEquals(size, m.rows(), kind.name());
                    assertEquals(size, m.cols(), kind.name());
                    assertEquals(CV_8UC3, m.type(), kind.name());
                }
            }
        }
    }

    @Test
    void everyAttackChangesTheBonaFideImage() {
        for (long seed = 0; seed < 3; seed++) {
            byte[] real = faces.renderBytes(seed, seed, SampleKind.BONA_FIDE);
            for (SampleKind kind : SampleKind.values()) {
                if (kind.isAttack()) {
                    double d = meanAbsDiff(real, faces.renderBytes(seed, seed, kind), null);
                    assertTrue(d > 0.3, kind + " differs from bona fide by only " + d);
                }
            }
        }
    }

    @Test
    void printCarriesStrongEnergyAtTheHalftoneFrequency() {
        // A 45-degree dot screen of period P puts its energy on the axes at sqrt(2) / P cycles per pixel.
        int k = (int) Math.round(Math.sqrt(2) / PrintAttack.period(SIZE) * SIZE);
        for (long seed = 0; seed < 4; seed++) {
            Spectrum real = new Spectrum(faces.renderBytes(seed, seed, SampleKind.BONA_FIDE), SIZE);
            Spectrum print = new Spectrum(faces.renderBytes(seed, seed, SampleKind.PRINT), SIZE);
            double ratio = print.axisBand(k - 5, k + 5, 4) / real.axisBand(k - 5, k + 5, 4);
            assertTrue(ratio > 5, "halftone band ratio " + ratio);
        }
    }

    @Test
    void replayCarriesThePixelGridFrequency() {
        int k = (int) Math.round(SIZE / ReplayAttack.gridPeriod(SIZE));
        for (long seed = 0; seed < 4; seed++) {
            Spectrum real = new Spectrum(faces.renderBytes(seed, seed, SampleKind.BONA_FIDE), SIZE);
            Spectrum replay = new Spectrum(faces.renderBytes(seed, seed, SampleKind.REPLAY), SIZE);
            double ratio = replay.axisBand(k - 3, k + 3, 2) / real.axisBand(k - 3, k + 3, 2);
            assertTrue(ratio > 4, "grid band ratio " + ratio);
        }
    }

    @Test
    void replayOfAFlatScreenShowsAMoireOfAFewPeriodsPerImage() {
        RenderedFrame scene = faces.renderer().renderScene(Identity.fromSeed(1), FrameJitter.neutral(1));
        Mat grey = new Mat(SIZE, SIZE, CV_8UC3, new Scalar(128, 128, 128, 0));
        RenderedFrame flat = new RenderedFrame(grey, scene.identity(), scene.jitter(), scene.pose());
        for (long seed = 0; seed < 4; seed++) {
            Spectrum s = new Spectrum(Pixels.bytes(new ReplayAttack().apply(flat, new SplittableRandom(seed))), SIZE);
            // the moire band (4..7 periods per image, bent a little) against a band as wide just above it
            double moire = s.ring(3, 8.5);
            double higher = s.ring(9, 14.5);
            assertTrue(moire > 5 * higher, "moire " + moire + " vs " + higher);
        }
    }

    @Test
    void faceSwapChangesMainlyTheInnerFace() {
        for (long seed = 0; seed < 4; seed++) {
            RenderedFrame real = faces.renderer().render(Identity.fromSeed(seed), FrameJitter.fromSeed(seed));
            byte[] swapped = faces.renderBytes(seed, seed, SampleKind.FACE_SWAP);
            byte[] realBytes = Pixels.bytes(real.image());
            double inside = meanAbsDiff(realBytes, swapped, above(Regions.innerFace(real, 0), 0.99f));
            double outside = meanAbsDiff(realBytes, swapped, below(Regions.face(real), 0.01f));
            assertTrue(inside > 4 * outside && inside > 8, "inside " + inside + " outside " + outside);
        }
    }

    @Test
    void reenactmentChangesOnlyTheLowerFace() {
        ReenactmentAttack attack = new ReenactmentAttack(faces.renderer());
        for (long seed = 0; seed < 4; seed++) {
            RenderedFrame real = faces.renderer().render(Identity.fromSeed(seed), FrameJitter.fromSeed(seed));
            byte[] driven = Pixels.bytes(attack.apply(real, new SplittableRandom(seed)));
            byte[] realBytes = Pixels.bytes(real.image());
            float[] lower = Regions.lowerFace(real, SIZE / 90.0);
            double inside = meanAbsDiff(realBytes, driven, above(lower, 0.99f));
            double outside = meanAbsDiff(realBytes, driven, below(lower, 1e-6f));
            assertEquals(0.0, outside, 1e-9, "pixels outside the regenerated region are untouched");
            assertTrue(inside > 3, "lower face changes by " + inside);
        }
    }

    @Test
    void rigidMaskRemovesSkinTextureButKeepsTheEyes() {
        for (long seed = 0; seed < 4; seed++) {
            RenderedFrame scene = faces.renderer().renderScene(Identity.fromSeed(seed), FrameJitter.fromSeed(seed));
            byte[] masked = Pixels.bytes(new RigidMaskAttack().apply(scene, new SplittableRandom(seed)));
            byte[] real = Pixels.bytes(scene.image());
            float[] face = Regions.face(scene);
            float[] holes = Regions.eyes(scene, 1.6, 2.4);
            boolean[] skin = new boolean[face.length];
            for (int p = 0; p < skin.length; p++) {
                skin[p] = face[p] > 0.99f && holes[p] == 0 && innerPixel(p) && faceInterior(scene, p);
            }
            double before = laplacianEnergy(real, skin);
            double after = laplacianEnergy(masked, skin);
            assertTrue(after < 0.35 * before, "texture energy " + before + " -> " + after);
            assertEquals(0.0, meanAbsDiff(real, masked, above(Regions.eyes(scene, 1.0, 1.0), 0.99f)), 1e-9,
                    "the real eyes show through the holes");
        }
    }

    @Test
    void makeupSaturatesTheLipsAndColoursTheEyelids() {
        for (long seed = 0; seed < 4; seed++) {
            RenderedFrame scene = faces.renderer().renderScene(Identity.fromSeed(seed), FrameJitter.fromSeed(seed));
            byte[] real = Pixels.bytes(scene.image());
            byte[] made = Pixels.bytes(new MakeupAttack().apply(scene, new SplittableRandom(seed)));
            Identity id = scene.identity();
            // the visible middle of the upper lip, above the opening of the mouth
            double gap = scene.jitter().mouthOpen() * id.lipThickness() * 1.6;
            boolean[] lips = disc(scene, 0, id.mouthV() - gap - id.lipThickness() * 0.5, id.mouthHalfWidth() * 0.5,
                    id.lipThickness() * 0.4);
            boolean[] lids = disc(scene, id.eyeU(), id.eyeV() - id.eyeRy() * 1.6, id.eyeRx() * 0.6, id.eyeRy() * 0.4);
            double lipsBefore = meanSaturation(real, lips);
            double lipsAfter = meanSaturation(made, lips);
            assertTrue(lipsAfter > lipsBefore + 0.12, "lipstick saturation " + lipsBefore + " -> " + lipsAfter);
            // brows of any colour may lie there, so ask for a strong colour change rather than saturation
            double lidsChange = meanAbsDiff(real, made, lids);
            assertTrue(lidsChange > 15, "eye shadow changes the eyelids by " + lidsChange);
        }
    }

    @Test
    void tattooDrawsContrastingStrokesOnlyOnTheFace() {
        for (long seed = 0; seed < 4; seed++) {
            RenderedFrame scene = faces.renderer().renderScene(Identity.fromSeed(seed), FrameJitter.fromSeed(seed));
            byte[] real = Pixels.bytes(scene.image());
            byte[] painted = Pixels.bytes(new TattooAttack().apply(scene, new SplittableRandom(seed)));
            float[] face = Regions.face(scene);
            int inked = 0;
            int facePixels = 0;
            for (int p = 0; p < face.length; p++) {
                int change = Math.abs(luma(real, p) - luma(painted, p));
                if (face[p] == 0) {
                    assertEquals(0, change, "outside the face at pixel " + p);
                } else {
                    facePixels++;
                    inked += change > 40 ? 1 : 0;
                }
            }
            assertTrue(inked > 0.01 * facePixels, inked + " of " + facePixels + " face pixels inked");
        }
    }

    @Test
    void glassesDarkenTheEyeBandAndLeaveTheMouthAlone() {
        for (long seed = 0; seed < 4; seed++) {
            RenderedFrame scene = faces.renderer().renderScene(Identity.fromSeed(seed), FrameJitter.fromSeed(seed));
            byte[] real = Pixels.bytes(scene.image());
            byte[] worn = Pixels.bytes(new GlassesAttack().apply(scene, new SplittableRandom(seed)));
            boolean[] eyes = above(Regions.eyes(scene, 1.0, 1.0), 0.99f);
            assertTrue(meanLuma(worn, eyes) < 0.8 * meanLuma(real, eyes), "lenses darken the eyes");
            Identity id = scene.identity();
            boolean[] mouth = disc(scene, 0, id.mouthV(), id.mouthHalfWidth(), id.lipThickness() * 2);
            assertEquals(0.0, meanAbsDiff(real, worn, mouth), 1e-9);
        }
    }

    @Test
    void rendersQuickly() {
        SampleKind[] kinds = SampleKind.values();
        for (int i = 0; i < 45; i++) {
            faces.renderBytes(i, i, kinds[i % kinds.length]);
        }
        // CPU time of this thread, so other jobs on a shared machine do not count against us
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        int n = 90;
        for (int i = 0; i < n; i++) {
            faces.renderBytes(100 + i, i, kinds[i % kinds.length]);
        }
        double perSecond = n / ((threads.getCurrentThreadCpuTime() - start) / 1e9);
        // ~290 images per CPU-second measured at 128 px; the bound leaves room for slow machines
        assertTrue(perSecond > 80, perSecond + " images per CPU-second");
    }

    // ---- measurements -------------------------------------------------------------------------

    private static boolean innerPixel(int p) {
        int x = p % SIZE;
        int y = p / SIZE;
        return x > 0 && y > 0 && x < SIZE - 1 && y < SIZE - 1;
    }

    /** Keeps away from the face outline, where the mask's rim is drawn. */
    private static boolean faceInterior(RenderedFrame f, int p) {
        double u = f.pose().u(p % SIZE, p / SIZE);
        double v = f.pose().v(p % SIZE, p / SIZE) / f.identity().aspect();
        return u * u + v * v < 0.8 * 0.8;
    }

    private static double laplacianEnergy(byte[] rgb, boolean[] where) {
        double sum = 0;
        int n = 0;
        for (int p = 0; p < where.length; p++) {
            if (where[p]) {
                double lap = 4 * luma(rgb, p) - luma(rgb, p - 1) - luma(rgb, p + 1) - luma(rgb, p - SIZE)
                        - luma(rgb, p + SIZE);
                sum += lap * lap;
                n++;
            }
        }
        return sum / Math.max(1, n);
    }

    private static int luma(byte[] rgb, int p) {
        return ((rgb[3 * p] & 0xFF) * 299 + (rgb[3 * p + 1] & 0xFF) * 587 + (rgb[3 * p + 2] & 0xFF) * 114) / 1000;
    }

    private static double meanLuma(byte[] rgb, boolean[] where) {
        double sum = 0;
        int n = 0;
        for (int p = 0; p < where.length; p++) {
            if (where[p]) {
                sum += luma(rgb, p);
                n++;
            }
        }
        return sum / Math.max(1, n);
    }

    /** HSV saturation (max - min) / max, averaged over {@code where}. */
    private static double meanSaturation(byte[] rgb, boolean[] where) {
        double sum = 0;
        int n = 0;
        for (int p = 0; p < where.length; p++) {
            if (where[p]) {
                int r = rgb[3 * p] & 0xFF;
                int g = rgb[3 * p + 1] & 0xFF;
                int b = rgb[3 * p + 2] & 0xFF;
                int max = Math.max(r, Math.max(g, b));
                int min = Math.min(r, Math.min(g, b));
                sum += max == 0 ? 0 : (max - min) / (double) max;
                n++;
            }
        }
        assertTrue(n > 5, "region too small: " + n);
        return sum / n;
    }

    private static double meanAbsDiff(byte[] a, byte[] b, boolean[] where) {
        double sum = 0;
        int n = 0;
        for (int p = 0; p < a.length / 3; p++) {
            if (where == null || where[p]) {
                for (int c = 0; c < 3; c++) {
                    sum += Math.abs((a[3 * p + c] & 0xFF) - (b[3 * p + c] & 0xFF));
                }
                n += 3;
            }
        }
        return sum / Math.max(1, n);
    }

    private static boolean[] above(float[] alpha, float t) {
        boolean[] out = new boolean[alpha.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = alpha[p] >= t;
        }
        return out;
    }

    private static boolean[] below(float[] alpha, float t) {
        boolean[] out = new boolean[alpha.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = alpha[p] < t;
        }
        return out;
    }

    /** Pixels within the ellipse (u0 ± au, v0 ± av) in face units, yaw included, on both sides if u0 != 0. */
    private static boolean[] disc(RenderedFrame f, double u0, double v0, double au, double av) {
        boolean[] out = new boolean[SIZE * SIZE];
        double yaw = f.jitter().yaw();
        for (int p = 0; p < out.length; p++) {
            double u = f.pose().u(p % SIZE, p / SIZE);
            double v = f.pose().v(p % SIZE, p / SIZE);
            for (int side = -1; side <= 1; side += 2) {
                double du = (u - side * u0 - (u0 == 0 ? yaw * 0.8 : yaw * 0.6)) / au;
                double dv = (v - v0) / av;
                out[p] |= du * du + dv * dv < 1;
            }
        }
        return out;
    }
}
