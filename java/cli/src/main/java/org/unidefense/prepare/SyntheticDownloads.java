package org.unidefense.prepare;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_RGB2BGR;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.unidefense.UserInputException;
import org.unidefense.data.FaceBox;
import org.unidefense.data.synth.FrameJitter;
import org.unidefense.data.synth.Identity;
import org.unidefense.data.synth.Pose;
import org.unidefense.data.synth.SampleKind;
import org.unidefense.data.synth.SyntheticFaces;
import org.unidefense.face.HaarCascadeDetector;
import org.unidefense.media.Mp4VideoWriter;

/**
 * Small download trees of real mp4 files in the official layouts, so that a user, and the tests,
 * can run {@code prepare} without the licensed data: rendered people from the synthetic face
 * generator moving across the picture, and their manipulated versions.
 * <ul>
 *   <li>{@link #ffpp}: FaceForensics++ (see {@link FfppLayout}) with the four FF++ methods (face
 *       swaps for Deepfakes and FaceSwap, reenactments for Face2Face and NeuralTextures) and the
 *       official {@code splits/<split>.json} files;</li>
 *   <li>{@link #celebDf}: Celeb-DF v2 ({@code Celeb-real/id<a>_0000.mp4},
 *       {@code Celeb-synthesis/id<a>_id<b>_0000.mp4}, {@code YouTube-real/<n>.mp4}) with its
 *       {@code List_of_testing_videos.txt}.</li>
 * </ul>
 * Where each face was drawn is returned per frame, so a test can check what the face detector found.
 */
public final class SyntheticDownloads {
    public static final List<String> METHODS = List.of("Deepfakes", "Face2Face", "FaceSwap", "NeuralTextures");

    /**
     * @param pairs  id pairs per split (train, val, test), as in the official split files
     * @param frames frames per video
     * @param face   side of the rendered face square, pasted into a {@code width × height} picture
     */
    public record Options(long seed, String compression, int[] pairs, int frames, int width, int height, int face) {
        public static Options small(long seed) {
            return new Options(seed, "c23", new int[] {2, 1, 1}, 8, 176, 144, 112);
        }
    }

    /** Where each video's face was drawn, frame by frame (relative video path → boxes). */
    public record Summary(Map<String, List<FaceBox>> drawnFaces) {
    }

    private final Path out;
    private final Options options;
    private final SyntheticFaces faces;
    private final Map<Integer, Long> identities = new HashMap<>();
    private final HaarCascadeDetector haar = new HaarCascadeDetector();

    private SyntheticDownloads(Path out, Options options) {
        this.out = out;
        this.options = options;
        this.faces = new SyntheticFaces(options.face());
    }

    /**
     * Writes the tree into {@code out}, which must not hold an FF++ tree yet.
     *
     * @throws UserInputException when it does, or when the options cannot give a picture
     */
    public static Summary ffpp(Path out, Options options) {
        if (options.face() > options.width() || options.face() > options.height() || options.frames() < 1) {
            throw new UserInputException("synthetic FF++ videos: the face (" + options.face() + " px) must fit the "
                    + options.width() + "×" + options.height() + " picture and there must be at least one frame");
        }
        if (Files.exists(out.resolve("original_sequences")) || Files.exists(out.resolve(FfppLayout.MANIPULATED))) {
            throw new UserInputException(out + ": already holds an FF++ tree; choose an empty output directory");
        }
        SyntheticDownloads w = new SyntheticDownloads(out, options);
        try {
            return w.writeFfpp();
        } finally {
            w.haar.close();
        }
    }

    /**
     * Writes a Celeb-DF v2 tree into {@code out}: {@code 2 * (pairs summed)} people, the first half
     * celebrities (Celeb-real, with face swaps among pairs in Celeb-synthesis), the second half
     * YouTube-real; the test list names one video of each source per pair group.
     */
    public static Summary celebDf(Path out, Options options) {
        if (Files.exists(out.resolve("Celeb-real")) || Files.exists(out.resolve("Celeb-synthesis"))) {
            throw new UserInputException(out + ": already holds a Celeb-DF tree; choose an empty output directory");
        }
        SyntheticDownloads w = new SyntheticDownloads(out, options);
        try {
            return w.writeCelebDf();
        } finally {
            w.haar.close();
        }
    }

    private Summary writeCelebDf() {
        Map<String, List<FaceBox>> drawn = new LinkedHashMap<>();
        int pairs = options.pairs()[0] + options.pairs()[1] + options.pairs()[2];
        StringBuilder testList = new StringBuilder();
        for (int p = 0; p < pairs; p++) {
            String a = Integer.toString(2 * p);
            String b = Integer.toString(2 * p + 1);
            boolean test = p == pairs - 1; // the last pair is the test part
            for (String[] ab : new String[][] {{a, b}, {b, a}}) {
                String real = "Celeb-real/id" + ab[0] + "_0000.mp4";
                drawn.put(real, video(real, ab[0], ab[1], SampleKind.BONA_FIDE));
                String fake = "Celeb-synthesis/id" + ab[0] + "_id" + ab[1] + "_0000.mp4";
                drawn.put(fake, video(fake, ab[0], ab[1], SampleKind.FACE_SWAP));
                String youtube = "YouTube-real/" + String.format("%05d", 100 + Integer.parseInt(ab[0])) + ".mp4";
                drawn.put(youtube, video(youtube, Integer.toString(100 + Integer.parseInt(ab[0])), ab[1],
                        SampleKind.BONA_FIDE));
                if (test && ab[0].equals(a)) {
                    // The official list: "1 <video>" for real, "0 <video>" for fake.
                    testList.append("1 ").append(real).append('\n').append("0 ").append(fake).append('\n')
                            .append("1 ").append(youtube).append('\n');
                }
            }
        }
        writeText(out.resolve("List_of_testing_videos.txt"), testList.toString());
        return new Summary(drawn);
    }

    private Summary writeFfpp() {
        Map<String, List<FaceBox>> drawn = new LinkedHashMap<>();
        int next = 0;
        for (int s = 0; s < FfppLayout.SPLITS.size(); s++) {
            StringBuilder json = new StringBuilder("[");
            for (int p = 0; p < options.pairs()[s]; p++) {
                String a = id(next++);
                String b = id(next++);
                json.append(p == 0 ? "" : ", ").append("[\"").append(a).append("\", \"").append(b).append("\"]");
                for (String[] ab : new String[][] {{a, b}, {b, a}}) {
                    String real = FfppLayout.sequenceDir(null, options.compression()) + "/videos/" + ab[0] + ".mp4";
                    drawn.put(real, video(real, ab[0], ab[1], SampleKind.BONA_FIDE));
                    for (String m : METHODS) {
                        String fake = FfppLayout.sequenceDir(m, options.compression()) + "/videos/" + ab[0] + "_"
                                + ab[1] + ".mp4";
                        SampleKind kind = m.equals("Deepfakes") || m.equals("FaceSwap") ? SampleKind.FACE_SWAP
                                : SampleKind.REENACTMENT;
                        drawn.put(fake, video(fake, ab[0], ab[1], kind));
                    }
                }
            }
            writeText(out.resolve("splits").resolve(FfppLayout.SPLITS.get(s) + ".json"), json.append("]\n").toString());
        }
        return new Summary(drawn);
    }

    /**
     * The identity seed of person {@code n}: the first candidate from {@code n}'s own sequence whose
     * neutral rendering the bundled Haar cascade finds. About one drawn person in five has a look the
     * cascade misses in every frame; a tree of such people would exercise the detector's misses rather
     * than cropping (frames whose pose or lighting defeats it still occur and are reported).
     */
    private long identityOf(int n) {
        return identities.computeIfAbsent(n, k -> {
            for (long c = options.seed() * 100_000 + k * 100L; ; c++) {
                try (PointerScope scope = new PointerScope()) {
                    Mat rgb = faces.renderer().render(Identity.fromSeed(c), FrameJitter.neutral(c)).image();
                    Mat bgr = new Mat();
                    cvtColor(rgb, bgr, COLOR_RGB2BGR);
                    if (!haar.detect(bgr).isEmpty()) {
                        return c;
                    }
                }
            }
        });
    }

    private static String id(int n) {
        return String.format("%03d", n);
    }

    /** The video of person {@code target} (manipulated with {@code source}'s face when fake). */
    private List<FaceBox> video(String relative, String target, String source, SampleKind kind) {
        Path file = out.resolve(relative);
        createDirectories(file.getParent());
        long identity = identityOf(Integer.parseInt(target));
        int w = options.width();
        int h = options.height();
        int s = options.face();
        int n = options.frames();
        List<FaceBox> boxes = new ArrayList<>(n);
        try (Mp4VideoWriter writer = new Mp4VideoWriter(file, w, h, 25, 2)) {
            for (int f = 0; f < n; f++) {
                // The person moves from the top right to the bottom left, so crops must follow the face.
                int ox = n == 1 ? 0 : (w - s) * (n - 1 - f) / (n - 1);
                int oy = n == 1 ? 0 : (h - s) * f / (n - 1);
                long frameSeed = identity * 100 + f + 31L * identityOf(Integer.parseInt(source));
                try (PointerScope scope = new PointerScope()) {
                    Mat rgb = faces.render(identity, frameSeed, kind);
                    Mat picture = new Mat(h, w, CV_8UC3, new Scalar(96, 96, 96, 0));
                    Mat roi = new Mat(picture, new Rect(ox, oy, s, s));
                    cvtColor(rgb, roi, COLOR_RGB2BGR);
                    writer.write(picture);
                }
                Pose pose = faces.renderer().pose(Identity.fromSeed(identity), FrameJitter.fromSeed(frameSeed));
                double halfW = pose.unit();
                double halfH = pose.unit() * Identity.fromSeed(identity).aspect();
                boxes.add(new FaceBox((int) Math.round(ox + pose.x(0, 0) - halfW), (int) Math.round(oy + pose.y(0, 0) - halfH),
                        (int) Math.round(2 * halfW), (int) Math.round(2 * halfH)));
            }
        }
        return boxes;
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot create: " + e, e);
        }
    }

    private static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot write: " + e, e);
        }
    }
}
