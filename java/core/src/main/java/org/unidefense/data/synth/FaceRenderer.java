package org.unidefense.data.synth;

import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.unidefense.data.transform.Pixels;

/**
 * Draws a bona-fide face: background, shoulders, hair, a shaded face with skin texture, eyes,
 * brows, nose and mouth. {@link #renderScene} is the scene in front of the camera; the
 * {@link Camera} turns it into a captured frame. Everything is a function of the identity and the
 * frame jitter, so equal seeds give identical bytes.
 */
public final class FaceRenderer {
    // Colours stay Java values: a static native Scalar would be freed by the first PointerScope.
    private static final Rgb SCLERA = new Rgb(236, 232, 226);
    private static final Rgb PUPIL = new Rgb(18, 14, 14);
    private static final Rgb MOUTH_INSIDE = new Rgb(70, 25, 30);

    private final int size;

    public FaceRenderer(int size) {
        if (size < 32) {
            throw new IllegalArgumentException("image size must be at least 32 pixels, got " + size);
        }
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** The pose of the face for this identity and jitter. */
    public Pose pose(Identity id, FrameJitter j) {
        double unit = id.faceHalfWidth() * size * j.scale();
        return new Pose(size * (0.5 + j.dx()), size * (0.53 + j.dy()), unit, j.rotationDeg());
    }

    /** The scene before the camera (no blur, noise or compression). */
    public RenderedFrame renderScene(Identity id, FrameJitter j) {
        return renderScene(id, j, pose(id, j));
    }

    /** The scene with the face at a given pose (a face swap draws the donor at the target's pose). */
    public RenderedFrame renderScene(Identity id, FrameJitter j, Pose pose) {
        Mat image = Pixels.fromBytes(background(id), size, size, 3);
        Canvas c = new Canvas(image, pose);
        drawBody(c, id);
        c.fillEllipse(0, 0, 1, id.aspect(), 0, id.skin().scalar());
        addSkinTexture(image, pose, id);
        drawFringe(c, id);
        drawFeatures(c, id, j, id.skin());
        shade(image, pose, id, j);
        return new RenderedFrame(image, id, j, pose);
    }

    /** Scene then camera: what a bona-fide capture of this person looks like. */
    public RenderedFrame render(Identity id, FrameJitter j) {
        RenderedFrame scene = renderScene(id, j);
        return new RenderedFrame(Camera.capture(scene.image(), j), id, j, scene.pose());
    }

    private byte[] background(Identity id) {
        byte[] px = new byte[size * size * 3];
        SplittableRandom grain = new SplittableRandom(id.seed() * 31 + 7);
        double f = id.backgroundFrequency() * 2 * Math.PI / size;
        Rgb a = id.backgroundA();
        Rgb b = id.backgroundB();
        double[] colWave = new double[size];
        double[] rowWave = new double[size];
        for (int k = 0; k < size; k++) {
            colWave[k] = Math.sin(f * k);
            rowWave[k] = Math.sin(f * 0.7 * k + 1.3);
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double t = switch (id.backgroundPattern()) {
                    case 0 -> (double) y / size;
                    case 1 -> 0.5 + 0.5 * colWave[x];
                    case 2 -> 0.5 + 0.25 * (colWave[x] + rowWave[y]);
                    default -> 0.5 * (x + y) / size;
                };
                double n = id.backgroundPattern() == 3 ? grain.nextDouble(-6, 6) : 0;
                int i = (y * size + x) * 3;
                px[i] = (byte) (int) Rgb.clamp(a.r() + (b.r() - a.r()) * t + n);
                px[i + 1] = (byte) (int) Rgb.clamp(a.g() + (b.g() - a.g()) * t + n);
                px[i + 2] = (byte) (int) Rgb.clamp(a.b() + (b.b() - a.b()) * t + n);
            }
        }
        return px;
    }

    private static void drawBody(Canvas c, Identity id) {
        double asp = id.aspect();
        c.fillEllipse(0, asp + 1.45, 2.3, 1.1, 0, id.shirt().scalar());
        c.fillPolygon(id.skin().scale(0.82).scalar(), -0.45, 0.5, 0.45, 0.5, 0.5, asp + 0.55, -0.5, asp + 0.55);
        if (id.hairStyle() != 2) {
            c.fillEllipse(0, -0.12, 1.16, asp * 1.06, 0, id.hair().scalar());
        }
        if (id.hairStyle() == 1) {
            c.fillPolygon(id.hair().scalar(), -1.15, -0.1, 1.15, -0.1, 1.2, asp + 0.5, -1.2, asp + 0.5);
        }
        Scalar ear = id.skin().scale(0.9).scalar();
        c.fillEllipse(-1.0, 0.0, 0.14, 0.27, 0, ear);
        c.fillEllipse(1.0, 0.0, 0.14, 0.27, 0, ear);
    }

    /** Fine skin grain (pores) inside the face ellipse: what an over-smoothed mask loses. */
    private static void addSkinTexture(Mat image, Pose pose, Identity id) {
        int s = image.rows();
        byte[] px = Pixels.bytes(image);
        SplittableRandom r = new SplittableRandom(id.seed() * 17 + 3);
        double amp = id.skinTexture();
        double asp = id.aspect();
        double reach = pose.unit() * asp + 2;
        int x0 = Math.max(1, (int) (pose.x(0, 0) - reach));
        int x1 = Math.min(s - 1, (int) (pose.x(0, 0) + reach));
        int y0 = Math.max(1, (int) (pose.y(0, 0) - reach));
        int y1 = Math.min(s - 1, (int) (pose.y(0, 0) + reach));
        int w = s;
        float[] grain = new float[s * s];
        for (int y = y0 - 1; y <= y1; y++) {
            for (int x = x0 - 1; x <= x1; x++) {
                grain[y * w + x] = (float) r.nextDouble(-1, 1);
            }
        }
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double u = pose.u(x, y);
                double v = pose.v(x, y) / asp;
                if (u * u + v * v >= 0.97) {
                    continue;
                }
                // 2x2 box of white noise: pores a little larger than a sensor pixel
                double g = amp * 0.5 * (grain[y * w + x] + grain[y * w + x - 1] + grain[(y - 1) * w + x]
                        + grain[(y - 1) * w + x - 1]);
                int i = (y * s + x) * 3;
                for (int k = 0; k < 3; k++) {
                    px[i + k] = (byte) (int) Rgb.clamp((px[i + k] & 0xFF) + g);
                }
            }
        }
        Pixels.put(image, px);
    }

    private static void drawFringe(Canvas c, Identity id) {
        if (id.hairStyle() == 2) {
            return;
        }
        double asp = id.aspect();
        c.arc(0, -asp * 0.72, 1.02, asp * id.fringeDepth(), 0, 180, 360, id.hair().scalar(), -1);
    }

    /** Eyes, brows, nose and mouth; {@code skin} sets the tone of the shadows drawn on skin. */
    static void drawFeatures(Canvas c, Identity id, FrameJitter j, Rgb skin) {
        double yaw = j.yaw();
        double open = j.eyeOpen();
        Scalar brow = id.hair().scale(0.8).scalar();
        for (int side = -1; side <= 1; side += 2) {
            double eu = side * id.eyeU() + yaw * 0.6;
            double ev = id.eyeV();
            double ry = id.eyeRy() * open;
            c.fillEllipse(eu, ev, id.eyeRx(), ry, 0, SCLERA.scalar());
            double irisR = id.eyeRy() * 0.85;
            c.fillEllipse(eu + yaw * 0.3, ev, irisR, Math.min(irisR, ry), 0, id.iris().scalar());
            c.fillEllipse(eu + yaw * 0.3, ev, irisR * 0.45, Math.min(irisR, ry) * 0.45, 0, PUPIL.scalar());
            c.fillEllipse(eu + yaw * 0.3 - irisR * 0.35, ev - irisR * 0.35, irisR * 0.18, irisR * 0.18, 0,
                    SCLERA.scalar());
            c.arc(eu, ev, id.eyeRx() * 1.02, ry * 1.05, 0, 180, 360, skin.scale(0.45).scalar(), 0.035);
            c.arc(eu, ev - id.browGap(), id.eyeRx() * 1.15, id.eyeRy() * 0.8, side * id.browTilt(), 200, 340,
                    brow, id.browThickness());
        }
        double nu = yaw;
        double noseTip = id.eyeV() + id.noseLength();
        c.line(nu + 0.03, id.eyeV() + 0.08, nu + id.noseWidth() * 0.7, noseTip, skin.scale(0.78).scalar(), 0.03);
        c.fillEllipse(nu - id.noseWidth() * 0.55, noseTip + 0.02, 0.07, 0.04, 0, skin.scale(0.55).scalar());
        c.fillEllipse(nu + id.noseWidth() * 0.55, noseTip + 0.02, 0.07, 0.04, 0, skin.scale(0.55).scalar());
        c.arc(nu, noseTip - 0.02, id.noseWidth() * 0.9, 0.08, 0, 20, 160, skin.scale(0.75).scalar(), 0.025);

        double mu = yaw * 0.8;
        double mv = id.mouthV();
        double lip = id.lipThickness();
        double gap = j.mouthOpen() * lip * 1.6;
        c.fillEllipse(mu, mv - gap * 0.5, id.mouthHalfWidth(), lip + gap * 0.5, 0, id.lips().scalar());
        c.fillEllipse(mu, mv + gap * 0.5, id.mouthHalfWidth() * 0.92, lip * 1.2 + gap * 0.5, 0,
                id.lips().scale(1.05).scalar());
        if (gap > 0) {
            c.fillEllipse(mu, mv, id.mouthHalfWidth() * 0.8, gap, 0, MOUTH_INSIDE.scalar());
        } else {
            c.line(mu - id.mouthHalfWidth() * 0.95, mv, mu + id.mouthHalfWidth() * 0.95, mv,
                    id.lips().scale(0.55).scalar(), 0.02);
        }
    }

    private static int[] scaleTable(double k) {
        int[] t = new int[256];
        for (int v = 0; v < 256; v++) {
            t[v] = (int) Math.min(255, v * k);
        }
        return t;
    }

    /**
     * Lambert shading of the face as an ellipsoid lit from the identity's light direction (moved a
     * little per frame), plus the frame's exposure on the whole image.
     */
    private static void shade(Mat image, Pose pose, Identity id, FrameJitter j) {
        int s = image.rows();
        byte[] px = Pixels.bytes(image);
        double az = id.lightAzimuth() + j.lightDelta();
        double lx = 0.55 * Math.cos(az);
        double ly = 0.55 * Math.sin(az) - 0.2;
        double lz = Math.sqrt(Math.max(0, 1 - lx * lx - ly * ly));
        double ambient = id.ambient();
        double asp = id.aspect();
        double exposure = j.exposure();
        int[] plain = scaleTable(exposure);
        int[] neck = scaleTable(exposure * 0.85); // the neck lies in the chin's shadow
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                double u = pose.u(x, y);
                double v = pose.v(x, y);
                double vn = v / asp;
                double r2 = u * u + vn * vn;
                int i = (y * s + x) * 3;
                if (r2 < 1.0) {
                    double nz = Math.sqrt(1 - r2);
                    double lambert = Math.max(0, u * lx + vn * ly + nz * lz);
                    double k = exposure * (ambient + (1 - ambient) * lambert * 1.25);
                    for (int c = 0; c < 3; c++) {
                        int val = (int) ((px[i + c] & 0xFF) * k);
                        px[i + c] = (byte) (val > 255 ? 255 : val);
                    }
                } else {
                    int[] table = v > 0.4 * asp && Math.abs(u) < 0.55 ? neck : plain;
                    px[i] = (byte) table[px[i] & 0xFF];
                    px[i + 1] = (byte) table[px[i + 1] & 0xFF];
                    px[i + 2] = (byte) table[px[i + 2] & 0xFF];
                }
            }
        }
        Pixels.put(image, px);
    }
}
