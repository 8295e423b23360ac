package org.unidefense.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bytedeco.opencv.opencv_core.Mat;
import org.unidefense.config.FaceMargin;
import org.unidefense.config.CropMode;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.FaceBox;
import org.unidefense.data.Sample;
import org.unidefense.data.loader.Batch;
import org.unidefense.data.loader.BatchLoader;
import org.unidefense.data.loader.BatchStream;
import org.unidefense.data.loader.InMemoryImageStore;
import org.unidefense.data.loader.RgbEncoder;
import org.unidefense.data.synth.SampleKind;
import org.unidefense.data.synth.SyntheticFaces;
import org.unidefense.data.transform.TransformPipeline;

/**
 * Batch-loader throughput: synthetic faces stored as in-memory JPEGs go through the training path
 * (decode, face crop, Resize to {@code size}, HorizontalFlip, Normalize, NCHW batch), as the
 * reference's training split does. Measures the loader alone; nothing consumes the batches.
 */
public final class LoaderBench {
    private static final int SOURCE_SIZE = 320;
    private static final int DISTINCT_IMAGES = 16;

    private LoaderBench() {
    }

    /**
     * Wall-clock epochs of {@code imagesPerEpoch} items after one warm-up epoch, and the process CPU
     * time they used (a steadier figure than wall time on a shared machine).
     */
    public record Result(int workers, int size, int batchSize, TimingStats secondsPerEpoch, int imagesPerEpoch,
                         double cpuSecondsPerImage) {
        public double imagesPerSecond() {
            return imagesPerEpoch / secondsPerEpoch.medianSeconds();
        }
    }

    private static final String SOURCE = "synthetic";

    /** The synthetic split: {@code images} items cycling over a few distinct rendered faces, with face boxes. */
    public static DatasetSplit syntheticJpegs(int images) {
        SyntheticFaces faces = new SyntheticFaces(SOURCE_SIZE);
        byte[][] encoded = new byte[Math.min(images, DISTINCT_IMAGES)][];
        for (int i = 0; i < encoded.length; i++) {
            SampleKind kind = i % 2 == 0 ? SampleKind.BONA_FIDE : SampleKind.FACE_SWAP;
            try (Mat rgb = faces.render(i, 1000 + i, kind)) {
                encoded[i] = RgbEncoder.encode(rgb, ".jpg");
            }
        }
        InMemoryImageStore store = new InMemoryImageStore();
        FaceBox face = new FaceBox(SOURCE_SIZE / 8, SOURCE_SIZE / 8, SOURCE_SIZE * 3 / 4, SOURCE_SIZE * 3 / 4);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            String path = "synthetic/video" + (i % encoded.length) + "/" + i + ".jpg";
            store.put(path, encoded[i % encoded.length]);
            samples.add(new Sample(path, path, i % 2, Sample.videoIdOf(path), i % 2 == 0 ? "real" : "fake", SOURCE,
                    face, List.of()));
        }
        return new DatasetSplit("bench", "train", samples, Map.of(SOURCE, store));
    }

    public static TransformPipeline trainPipeline(int size) {
        return TransformPipeline.fromSpecs(List.of(
                Map.of("name", "Resize", "params", Map.of("height", size, "width", size)),
                Map.of("name", "HorizontalFlip", "params", Map.of("p", 0.5)),
                Map.of("name", "Normalize", "params", Map.of("mean", List.of(0.5, 0.5, 0.5), "std", List.of(0.5, 0.5, 0.5)))));
    }

    public static Result run(DatasetSplit items, int workers, int size, int batchSize, int repeats) {
        TransformPipeline pipeline = trainPipeline(size);
        double[] seconds = new double[repeats];
        long cpuStart = 0;
        try (BatchLoader loader = BatchLoader.builder(items, pipeline).batchSize(batchSize).workers(workers)
                .crop(CropMode.FOUR_POINT, FaceMargin.fixed(0.2)).shuffle(true).seed(1).build()) {
            for (int epoch = -1; epoch < repeats; epoch++) {
                if (epoch == 0) {
                    cpuStart = processCpuNanos();
                }
                long t0 = System.nanoTime();
                int seen = 0;
                try (BatchStream stream = loader.epoch(epoch + 1)) {
                    while (stream.hasNext()) {
                        Batch b = stream.next();
                        seen += b.size();
                    }
                }
                if (seen != items.size()) {
                    throw new IllegalStateException("loaded " + seen + " of " + items.size() + " images");
                }
                if (epoch >= 0) {
                    seconds[epoch] = (System.nanoTime() - t0) / 1e9;
                }
            }
        }
        double cpu = (processCpuNanos() - cpuStart) / 1e9 / ((double) repeats * items.size());
        return new Result(workers, size, batchSize, TimingStats.of(seconds), items.size(), cpu);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** One line per worker count, e.g. for the {@code bench} command. */
    public static String report(int images, int size, int batchSize, int repeats, int... workerCounts) {
        DatasetSplit items = syntheticJpegs(images);
        StringBuilder out = new StringBuilder();
        for (int workers : workerCounts) {
            Result r = run(items, workers, size, batchSize, repeats);
            out.append(String.format(Locale.ROOT, "loader %dx%d, batch %d, %d worker thread(s): %.0f images/s "
                            + "(median of %d epochs of %d), %.1f ms CPU per image%n",
                    size, size, batchSize, workers, r.imagesPerSecond(), repeats, images, 1000 * r.cpuSecondsPerImage()));
        }
        return out.toString();
    }

    public static void main(String[] args) {
        System.out.print(report(128, 256, 16, 5, 1, 2));
    }
}
