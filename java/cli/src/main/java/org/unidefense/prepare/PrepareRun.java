package org.unidefense.prepare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.unidefense.UserInputException;
import org.unidefense.face.FaceDetector;
import org.unidefense.face.PerThreadFaceDetector;
import org.unidefense.io.AtomicFiles;
import org.unidefense.media.MediaException;
import org.unidefense.report.ProgressBar;

/**
 * Crops the faces of many videos with worker threads, resumably.
 *
 * <p>A video's crops are written into {@code prepare-state/partial/<dir>}, moved to {@code <dir>} when
 * complete, and only then is its record {@code prepare-state/videos/<dir>.json} written (atomically).
 * A re-run skips the videos that have a record and a folder and redoes the rest, deleting what an
 * interrupted run left half done, so no half-written crop folder survives. An unreadable video
 * becomes an error record (and is tried again by the next run), never the end of the run.
 * A run into an output prepared with other crop settings is refused: the crops would mix.
 */
public final class PrepareRun {
    public static final String STATE_DIR = "prepare-state";

    /** A video that could not be prepared. */
    public record Failure(String name, String split, String method, String error) implements VideoOutcome {
    }

    /**
     * @param records  the records of the prepared videos, in job order
     * @param resumed  videos a previous run had finished
     * @param framesPerSecond frames read per second of wall time by this run (0 when it read none)
     */
    public record Outcome(List<VideoRecord> records, List<Failure> failures, int resumed, long framesRead,
                          double seconds, double framesPerSecond) {
    }

    private final Path cropRoot;
    private final Path stateDir;
    private final CropSettings settings;
    private final Supplier<? extends FaceDetector> detectors;
    private final int workers;
    private final Writer progressOut;

    /**
     * @param cropRoot    where the crop folders go ({@code <cropRoot>/<job.outDir>})
     * @param outRoot     the output root; the state lives in {@code <outRoot>/prepare-state}
     * @param detectors   makes one detector per worker thread
     * @param progressOut where the progress bar goes (null: standard error)
     */
    public PrepareRun(Path cropRoot, Path outRoot, CropSettings settings, Supplier<? extends FaceDetector> detectors,
                      int workers, Writer progressOut) {
        if (workers < 1) {
            throw new UserInputException("--workers must be at least 1, got " + workers);
        }
        this.cropRoot = cropRoot;
        this.stateDir = outRoot.resolve(STATE_DIR);
        this.settings = settings;
        this.detectors = detectors;
        this.workers = workers;
        this.progressOut = progressOut;
    }

    /** Prepares {@code jobs}; {@code stage} names the progress bar. */
    public Outcome run(String stage, List<VideoJob> jobs) {
        guardSettings();
        FaceCropper cropper = new FaceCropper(new PerThreadFaceDetector(detectors), settings);
        ProgressBar.Builder b = ProgressBar.builder(stage, jobs.size());
        if (progressOut != null) {
            b.output(progressOut);
        }
        AtomicLong framesRead = new AtomicLong();
        AtomicLong faces = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "prepare-worker");
            t.setDaemon(true);
            return t;
        });
        List<VideoOutcome> results = new ArrayList<>(jobs.size());
        int resumed = 0;
        try (ProgressBar bar = b.build()) {
            List<Future<VideoOutcome>> futures = new ArrayList<>();
            for (VideoJob job : jobs) {
                VideoRecord done = finished(job);
                if (done != null) {
                    resumed++;
                    futures.add(CompletableFuture.completedFuture(done));
                    bar.step();
                    continue;
                }
                futures.add(pool.submit(() -> {
                    VideoOutcome r = prepare(job, cropper);
                    if (r instanceof VideoRecord v) {
                        framesRead.addAndGet(v.framesRead());
                        faces.addAndGet(v.crops().size());
                    } else {
                        failures.incrementAndGet();
                    }
                    double secs = (System.nanoTime() - start) / 1e9;
                    bar.set("frames/s", Math.round(framesRead.get() / Math.max(secs, 1e-9) * 10) / 10.0);
                    bar.set("faces", faces.get());
                    bar.set("errors", failures.get());
                    bar.step();
                    return r;
                }));
            }
            for (Future<VideoOutcome> f : futures) {
                results.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("prepare was interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<VideoRecord> records = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (VideoOutcome r : results) {
            if (r instanceof VideoRecord v) {
                records.add(v);
            } else if (r instanceof Failure f) {
                failed.add(f);
            }
        }
        long read = framesRead.get();
        return new Outcome(records, failed, resumed, read, seconds, read == 0 ? 0 : read / seconds);
    }

    /** The record of a video a previous run finished, or null (after removing any half-done folder). */
    private VideoRecord finished(VideoJob job) {
        Path dir = cropRoot.resolve(job.outDir());
        Path record = recordFile(job);
        if (Files.isRegularFile(record) && Files.isDirectory(dir)) {
            return VideoRecordJson.read(record);
        }
        return null;
    }

    private Path recordFile(VideoJob job) {
        return stateDir.resolve("videos").resolve(job.outDir() + ".json");
    }

    /** The crops of one video, or a failure when its source cannot be read. */
    private VideoOutcome prepare(VideoJob job, FaceCropper cropper) throws IOException {
        Path dir = cropRoot.resolve(job.outDir());
        // Half-written folders stay out of the dataset tree, where a reader listing folders would see them.
        Path partial = stateDir.resolve("partial").resolve(job.outDir());
        deleteTree(partial);
        deleteTree(dir); // a folder without a record is what an interrupted run left
        FaceCropper.Result r;
        try {
            r = cropper.crop(job.source());
        } catch (RuntimeException e) {
            // Decoder and OpenCV failures of one file must not end a run over thousands of videos.
            // A MediaException already names the file and the problem; anything else says what it is.
            String message = e instanceof MediaException && e.getMessage() != null ? e.getMessage()
                    : job.source() + ": " + e;
            if (System.getenv("UNIDEFENSE_DEBUG") != null) {
                e.printStackTrace();
            }
            return new Failure(job.name(), job.split(), job.method(), message);
        }
        Files.createDirectories(partial);
        Files.createDirectories(dir.getParent());
        for (FaceCropper.Crop c : r.crops()) {
            Files.write(partial.resolve(c.face().file()), c.png());
        }
        try {
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, dir);
        }
        VideoRecord record = new VideoRecord(job.name(), job.outDir(), job.split(), job.method(), job.label(),
                r.framesRead(), r.crops().stream().map(FaceCropper.Crop::face).toList(), r.noFace());
        AtomicFiles.writeString(recordFile(job), VideoRecordJson.write(record));
        return record;
    }

    private void guardSettings() {
        Path file = stateDir.resolve("settings.json");
        String wanted;
        try {
            wanted = VideoRecordJson.MAPPER.writeValueAsString(settings.describe()) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            if (Files.isRegularFile(file)) {
                String had = Files.readString(file);
                if (!had.equals(wanted)) {
                    throw new UserInputException(cropRoot + ": was prepared with other crop settings ("
                            + had.strip().replaceAll("\\s+", " ") + " instead of " + wanted.strip().replaceAll("\\s+", " ")
                            + "); use another --out, or delete it to start again");
                }
                return;
            }
            AtomicFiles.writeString(file, wanted);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot read or write the settings of the prepared data: " + e, e);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
