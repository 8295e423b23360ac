package org.unidefense.inference;

import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.UserInputException;
import org.unidefense.bench.AllocatorInfo;
import org.unidefense.config.Precision;
import org.unidefense.data.FaceBox;
import org.unidefense.face.FaceDetector;
import org.unidefense.media.Frame;
import org.unidefense.media.MediaException;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.DeviceSpec;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A trained UniDefense model as a face forgery / presentation attack detector.
 *
 * <pre>{@code
 * try (Detector d = Detector.builder()
 *         .checkpoint(Path.of("runs/UDR18/FAS_C"))      // or a best.pt / best_model.bin file
 *         .select(CheckpointSelection.BEST_VAL)          // of a run folder; the default where it exists
 *         .device("cpu").batchSize(16)
 *         .faces(myFaceDetector)                         // or .wholeImage() for face crops
 *         .build()) {
 *     for (FaceScore f : d.detect(Path.of("photo.jpg"))) {
 *         System.out.println(f.box() + " P(real)=" + f.pReal() + " " + f.decision());
 *     }
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> A Detector is thread-safe: decoding, face finding and cropping run on the
 * calling thread, the model's forward passes are serialised by a lock (one forward at a time,
 * each under a {@code NoGradGuard} of the thread running it). A {@link FaceDetector} given with
 * {@link Builder#faces(FaceDetector)} is called under its own lock; one from a supplier
 * ({@link Builder#faces(Supplier)}) is created once per thread. For throughput, give whole lists to
 * {@link #detect(List)} (one batched forward) or use {@link PredictionRun}.
 */
public final class Detector implements AutoCloseable {
    private final ModelScorer scorer;
    private final Preprocessing preprocessing;
    private final double threshold;
    private final FaceSource faces;
    private final InputDecoders decoders;
    private final int framesPerVideo;
    private final List<String> notes;
    private final Path checkpointFile;

    private Detector(ModelScorer scorer, Preprocessing preprocessing, double threshold, FaceSource faces,
                     InputDecoders decoders, int framesPerVideo, List<String> notes, Path checkpointFile) {
        this.checkpointFile = checkpointFile;
        this.scorer = scorer;
        this.preprocessing = preprocessing;
        this.threshold = threshold;
        this.faces = faces;
        this.decoders = decoders;
        this.framesPerVideo = framesPerVideo;
        this.notes = List.copyOf(notes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** P(real) at or below this is an attack. */
    public double threshold() {
        return threshold;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public int batchSize() {
        return scorer.batchSize();
    }

    public String architecture() {
        return scorer.model().architecture();
    }

    /** The checkpoint file the weights came from (for a run folder, the one selected); null for a given model. */
    public Path checkpointFile() {
        return checkpointFile;
    }

    /** Defaults chosen while building (which checkpoint, threshold, margin), one sentence each, for logs. */
    public List<String> notes() {
        return notes;
    }

    /** The faces of a decoded 8-bit BGR picture, largest first; empty when no face was found. */
    public List<FaceScore> detect(Mat bgr) {
        return score(prepare(null, 0, bgr));
    }

    /** The faces of an AWT image. */
    public List<FaceScore> detect(BufferedImage image) {
        try (Mat bgr = BufferedImages.toBgr(image)) {
            return detect(bgr);
        }
    }

    /**
     * The faces of an image file.
     *
     * @throws MediaException when the file cannot be decoded
     */
    public List<FaceScore> detect(Path image) {
        try (Frame f = decoders.images().decode(image)) {
            return score(prepare(image, 0, f.bgr()));
        }
    }

    /**
     * Several pictures ({@link Mat} BGR, {@link BufferedImage} or image {@link Path}) in batched forwards;
     * one list of faces per picture, in order.
     */
    public List<List<FaceScore>> detect(List<?> pictures) {
        List<PreparedFace> all = new ArrayList<>();
        int[] counts = new int[pictures.size()];
        for (int i = 0; i < pictures.size(); i++) {
            List<PreparedFace> p = prepareAny(pictures.get(i));
            counts[i] = p.size();
            all.addAll(p);
        }
        List<FaceScore> scored = score(all);
        List<List<FaceScore>> out = new ArrayList<>();
        int k = 0;
        for (int c : counts) {
            out.add(List.copyOf(scored.subList(k, k + c)));
            k += c;
        }
        return out;
    }

    private List<PreparedFace> prepareAny(Object picture) {
        if (picture instanceof Mat m) {
            return prepare(null, 0, m);
        }
        if (picture instanceof BufferedImage b) {
            try (Mat bgr = BufferedImages.toBgr(b)) {
                return prepare(null, 0, bgr);
            }
        }
        if (picture instanceof Path p) {
            try (Frame f = decoders.images().decode(p)) {
                return prepare(p, 0, f.bgr());
            }
        }
        throw new IllegalArgumentException("expected Mat, BufferedImage or Path, found "
                + (picture == null ? "null" : picture.getClass().getName()));
    }

    /**
     * Samples the video's frames ({@link Builder#framesPerVideo}), scores every face and averages the
     * frames' largest faces.
     *
     * @throws MediaException when the video cannot be opened or no sampled frame shows a face
     */
    public VideoScore detectVideo(Path video) {
        List<Frame> frames = decoders.videos().sample(video, framesPerVideo);
        List<PreparedFace> prepared = new ArrayList<>();
        try {
            for (Frame f : frames) {
                prepared.addAll(prepare(video, f.index(), f.bgr()));
            }
        } finally {
            frames.forEach(Frame::close);
        }
        return videoScore(video, frames.size(), score(prepared));
    }

    /** Aggregates the scored faces of one video's sampled frames. */
    VideoScore videoScore(Path video, int framesSampled, List<FaceScore> scored) {
        double sum = 0;
        int framesScored = 0;
        int lastFrame = Integer.MIN_VALUE;
        for (FaceScore s : scored) {
            // Faces of a frame are listed largest first: the first one of each frame counts.
            if (s.frame() != lastFrame) {
                sum += s.pReal();
                framesScored++;
                lastFrame = s.frame();
            }
        }
        if (framesScored == 0) {
            throw new MediaException(video + ": no face found in any of the " + framesSampled + " sampled frames");
        }
        double mean = sum / framesScored;
        return new VideoScore(video, scored, framesSampled, framesScored, mean, Decision.of(mean, threshold));
    }

    /**
     * Finds the faces of one picture and prepares each for the model (thread-safe; used by
     * worker threads of {@link PredictionRun}).
     *
     * @param item the file the picture came from, or null
     */
    public List<PreparedFace> prepare(Path item, int frame, Mat bgr) {
        if (bgr == null || bgr.empty()) {
            throw new MediaException((item == null ? "picture" : item.toString()) + ": empty picture");
        }
        if (bgr.channels() != 3) {
            throw new MediaException((item == null ? "picture" : item.toString()) + ": expected a 3-channel BGR "
                    + "picture, found " + bgr.channels() + " channels");
        }
        List<PreparedFace> out = new ArrayList<>();
        for (FaceBox box : faces.faces(item, frame, bgr)) {
            out.add(new PreparedFace(frame, box, preprocessing.apply(bgr, box)));
        }
        return out;
    }

    /** Scores prepared faces in batched forwards, in order. */
    public List<FaceScore> score(List<PreparedFace> prepared) {
        if (prepared.isEmpty()) {
            return List.of();
        }
        float[][] p = scorer.score(prepared.stream().map(PreparedFace::input).toList());
        List<FaceScore> out = new ArrayList<>(prepared.size());
        for (int i = 0; i < prepared.size(); i++) {
            PreparedFace f = prepared.get(i);
            out.add(new FaceScore(f.frame(), f.box(), p[i][0], p[i][1], Decision.of(p[i][0], threshold)));
        }
        return out;
    }

    InputDecoders decoders() {
        return decoders;
    }

    int framesPerVideo() {
        return framesPerVideo;
    }

    @Override
    public void close() {
        scorer.close();
    }

    /** Builds a {@link Detector}; {@link #checkpoint} (or {@link #model}) is required. */
    public static final class Builder {
        private Path checkpoint;
        private Path config;
        private Double margin;
        private DeviceSpec device = DeviceSpec.AUTO;
        private int batchSize = 16;
        private FaceSource faces;
        private boolean wholeImage;
        private InputDecoders decoders = InputDecoders.defaults();
        private int framesPerVideo = 8;
        private UniDefenseModel model;
        private Preprocessing preprocessing;
        private double threshold = ModelSource.DEFAULT_THRESHOLD;
        private Precision precision;
        private CheckpointSelection select;

        private Builder() {
        }

        /**
         * Which checkpoint of a run folder to load; default {@code best_val} where the run has one
         * (selected on validation), else {@code best}. Only for a run folder given to {@link #checkpoint}.
         */
        public Builder select(CheckpointSelection which) {
            this.select = which;
            return this;
        }

        /** A checkpoint file of this project or of the reference's engines, or a run folder (see {@link #select}). */
        public Builder checkpoint(Path checkpointOrRun) {
            this.checkpoint = checkpointOrRun;
            return this;
        }

        /**
         * The model file (YAML with {@code model:}, {@code config:}, {@code data:}) the checkpoint was
         * trained with: model config, test transforms and crop margin. Optional for this project's run
         * folders; required for checkpoints written by the reference.
         */
        public Builder config(Path modelYaml) {
            this.config = modelYaml;
            return this;
        }

        /** Replaces the configured face margin. */
        public Builder margin(double faceMargin) {
            this.margin = faceMargin;
            return this;
        }

        /** {@code auto} (default: CUDA when available, else the CPU), {@code cpu}, {@code cuda} or {@code cuda:N}. */
        public Builder device(String name) {
            return device(DeviceSpec.parse(Objects.requireNonNull(name), "Detector device"));
        }

        /** As {@link #device(String)}; {@code auto} and {@code cuda} take GPU 0. */
        public Builder device(DeviceSpec spec) {
            this.device = Objects.requireNonNull(spec);
            return this;
        }

        /**
         * Arithmetic of the model's convolutions: fp32 (default, the reference's numbers), or bf16
         * (faster on CPUs with AVX512-BF16, within the bounds of docs/performance.md).
         */
        public Builder precision(Precision p) {
            this.precision = Objects.requireNonNull(p);
            return this;
        }

        /** Faces per forward pass (default 16). */
        public Builder batchSize(int b) {
            this.batchSize = b;
            return this;
        }

        /** Faces found by this detector (called under a lock: it need not be thread-safe). */
        public Builder faces(FaceDetector detector) {
            Object lock = new Object();
            this.wholeImage = false;
            this.faces = FaceSource.of(bgr -> {
                synchronized (lock) {
                    return detector.detect(bgr);
                }
            });
            return this;
        }

        /** Faces found by one detector per calling thread, made by {@code perThread}. */
        public Builder faces(Supplier<FaceDetector> perThread) {
            ThreadLocal<FaceDetector> local = ThreadLocal.withInitial(perThread);
            this.wholeImage = false;
            this.faces = (item, frame, bgr) -> local.get().detect(bgr);
            return this;
        }

        /** Faces from any source, e.g. user-given boxes. */
        public Builder faces(FaceSource source) {
            this.faces = Objects.requireNonNull(source);
            this.wholeImage = false;
            return this;
        }

        /** Pictures are already face crops: score each whole (as the benchmarks' stored crops). */
        public Builder wholeImage() {
            this.faces = FaceSource.wholeImage();
            this.wholeImage = true;
            return this;
        }

        /** Image and video decoders; the default face detector is {@code decoders.haar()}. */
        public Builder decoders(InputDecoders d) {
            this.decoders = Objects.requireNonNull(d);
            return this;
        }

        /** Frames sampled evenly per video (default 8; 0 = all). */
        public Builder framesPerVideo(int k) {
            this.framesPerVideo = k;
            return this;
        }

        /**
         * An already loaded model instead of a checkpoint (tests, benchmarks); the Detector takes
         * ownership and closes it.
         */
        public Builder model(UniDefenseModel m, Preprocessing p, double decisionThreshold) {
            this.model = m;
            this.preprocessing = p;
            this.threshold = decisionThreshold;
            return this;
        }

        public Detector build() {
            if (framesPerVideo < 0) {
                throw new UserInputException("frames per video must be 0 (all) or more, found " + framesPerVideo);
            }
            List<String> notes = new ArrayList<>();
            UniDefenseModel m = model;
            Preprocessing pre = preprocessing;
            double thr = threshold;
            Path loaded = null;
            if (m == null) {
                if (checkpoint == null) {
                    throw new UserInputException("a detector needs a checkpoint (or a model)");
                }
                ModelSource src = ModelSource.resolve(checkpoint, select, config, margin);
                loaded = src.checkpointFile();
                // Recce's single fake logit is scored as two classes (Recce.score), so it passes too
                if (src.model().numClasses() != 2 && !src.model().arch().isRecce()) {
                    throw new UserInputException(src.checkpointFile() + ": the model has " + src.model().numClasses()
                            + " output classes; the detector needs 2 (real, attack)");
                }
                m = ModelRegistry.create(src.model());
                try {
                    src.checkpoint().loadInto(m);
                } catch (RuntimeException e) {
                    m.close();
                    throw e;
                }
                pre = src.preprocessing();
                thr = src.threshold();
                // whole pictures are never cropped: a note about the crop margin would mislead
                src.notes().stream().filter(n -> !(wholeImage && n.contains("margin"))).forEach(notes::add);
            } else {
                if (select != null) {
                    throw new UserInputException("select(" + select.label() + ") needs a run folder as checkpoint, "
                            + "not an already loaded model");
                }
                if (margin != null) {
                    pre = new Preprocessing(pre.transforms(), margin, pre.description());
                }
            }
            if (precision != null) {
                m.usePrecision(precision);
            }
            String allocatorAdvice = AllocatorInfo.current().advice();
            if (allocatorAdvice != null) {
                notes.add(allocatorAdvice);
            }
            FaceSource f = faces != null ? faces : haarPerThread(decoders.haar());
            return new Detector(new ModelScorer(m, device.resolve(0), batchSize), pre, thr, f, decoders, framesPerVideo, notes, loaded);
        }

        private static FaceSource haarPerThread(Supplier<FaceDetector> haar) {
            ThreadLocal<FaceDetector> local = ThreadLocal.withInitial(haar);
            local.get(); // fails now, not on the first picture, when no Haar detector is available
            return (item, frame, bgr) -> local.get().detect(bgr);
        }
    }
}
