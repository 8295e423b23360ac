package org.unidefense.inference;

import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.media.Frame;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scores many files: decoding, face finding and cropping run on worker threads, a few items
 * ahead; the model runs on the calling thread in batches of at least the detector's batch size.
 * Records come out in input order. A file that cannot be read, a video that cannot be opened or
 * a picture without a face gives an error record and the run goes on.
 */
public final class PredictionRun {
    /** Items prepared ahead of the model per worker thread (bounds the memory held by crops). */
    private static final int AHEAD_PER_THREAD = 4;

    private final Detector detector;
    private final int threads;
    private final Annotator annotator;

    /**
     * @param threads     worker threads for decoding, detection and cropping (at least 1)
     * @param annotateDir where to write annotated pictures, or null
     */
    public PredictionRun(Detector detector, int threads, Path annotateDir) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, found " + threads);
        }
        this.detector = detector;
        this.threads = threads;
        this.annotator = annotateDir == null ? null : new Annotator(annotateDir, detector.preprocessing());
    }

    public PredictionSummary run(List<InputItem> items, RecordSink sink) {
        long start = System.nanoTime();
        Counts counts = new Counts();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "predict-worker-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<Prepared>> ahead = new ArrayDeque<>();
            List<Prepared> pending = new ArrayList<>();
            int pendingFaces = 0;
            int next = 0;
            while (next < items.size() || !ahead.isEmpty()) {
                while (next < items.size() && ahead.size() < threads * AHEAD_PER_THREAD) {
                    int index = next++;
                    ahead.add(pool.submit(() -> prepare(index, items.get(index))));
                }
                Prepared p = take(ahead.poll());
                pending.add(p);
                pendingFaces += p.faces.size();
                if (pendingFaces >= detector.batchSize()) {
                    flush(pending, sink, counts);
                    pendingFaces = 0;
                }
            }
            flush(pending, sink, counts);
        } finally {
            pool.shutdownNow();
        }
        return new PredictionSummary(items.size(), counts.images, counts.videos, counts.faces, counts.attacks,
                counts.failed, (System.nanoTime() - start) / 1e9);
    }

    private static Prepared take(Future<Prepared> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a worker", e);
        } catch (ExecutionException e) {
            // prepare() turns every failure into an error record; only Errors get here.
            throw new IllegalStateException("a worker failed: " + e.getCause(), e.getCause());
        }
    }

    /** Worker side: decode, find faces, crop and transform. Never throws for a bad item. */
    private Prepared prepare(int index, InputItem item) {
        Prepared p = new Prepared(index, item);
        if (item.kind() == InputItem.Kind.UNUSABLE) {
            p.error = item.problem();
            return p;
        }
        List<Frame> frames = List.of();
        try {
            frames = item.kind() == InputItem.Kind.VIDEO
                    ? detector.decoders().videos().sample(item.path(), detector.framesPerVideo())
                    : List.of(detector.decoders().images().decode(item.path()));
            p.framesSampled = frames.size();
            for (Frame f : frames) {
                p.faces.addAll(detector.prepare(item.path(), f.index(), f.bgr()));
                if (annotator != null) {
                    p.pictures.put(f.index(), f.bgr().clone());
                }
            }
        } catch (RuntimeException e) {
            p.error = messageOf(e);
            p.faces.clear();
            p.closePictures();
        } finally {
            frames.forEach(Frame::close);
        }
        return p;
    }

    /** Caller side: scores the pending items' faces in batches and writes their records in order. */
    private void flush(List<Prepared> pending, RecordSink sink, Counts counts) {
        List<PreparedFace> faces = new ArrayList<>();
        pending.forEach(p -> faces.addAll(p.faces));
        List<FaceScore> scores = detector.score(faces);
        int k = 0;
        for (Prepared p : pending) {
            List<FaceScore> own = scores.subList(k, k + p.faces.size());
            k += p.faces.size();
            try {
                emit(p, own, sink, counts);
            } finally {
                p.closePictures();
            }
        }
        pending.clear();
    }

    private void emit(Prepared p, List<FaceScore> scores, RecordSink sink, Counts counts) {
        String path = p.item.path().toString();
        boolean video = p.item.kind() == InputItem.Kind.VIDEO;
        if (video) {
            counts.videos++;
        } else if (p.item.kind() == InputItem.Kind.IMAGE) {
            counts.images++;
        }
        if (p.error != null) {
            error(sink, counts, path, p.error);
            return;
        }
        double threshold = detector.threshold();
        String checkpoint = detector.checkpointFile() == null ? null : detector.checkpointFile().toString();
        for (FaceScore s : scores) {
            sink.write(PredictionRecord.face(path, s, threshold, checkpoint));
            counts.faces++;
            if (s.decision() == Decision.ATTACK) {
                counts.attacks++;
            }
        }
        if (video) {
            try {
                sink.write(PredictionRecord.video(path, detector.videoScore(p.item.path(), p.framesSampled, scores),
                        threshold, checkpoint));
            } catch (RuntimeException e) {
                error(sink, counts, path, messageOf(e));
            }
        } else if (scores.isEmpty()) {
            error(sink, counts, path, "no face found");
        }
        if (annotator != null) {
            for (Map.Entry<Integer, Mat> e : p.pictures.entrySet()) {
                List<FaceScore> ofFrame = scores.stream().filter(s -> s.frame() == e.getKey()).toList();
                try {
                    annotator.write(p.index + 1, p.item.path(), video, e.getKey(), e.getValue(), ofFrame);
                } catch (RuntimeException ex) {
                    error(sink, counts, path, messageOf(ex));
                }
            }
        }
    }

    private static void error(RecordSink sink, Counts counts, String path, String message) {
        sink.write(PredictionRecord.error(path, null, message));
        counts.failed++;
    }

    private static String messageOf(RuntimeException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** One item after the worker's part. */
    private static final class Prepared {
        final int index;
        final InputItem item;
        final List<PreparedFace> faces = new ArrayList<>();
        final Map<Integer, Mat> pictures = new LinkedHashMap<>();
        int framesSampled;
        String error;

        Prepared(int index, InputItem item) {
            this.index = index;
            this.item = item;
        }

        void closePictures() {
            pictures.values().forEach(Mat::close);
            pictures.clear();
        }
    }

    private static final class Counts {
        int images;
        int videos;
        int faces;
        int attacks;
        int failed;
    }
}
