package org.unidefense.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.Sample;
import org.unidefense.data.SplitIndex;
import org.unidefense.data.dataset.SplitIndexBuilder;
import org.unidefense.data.dataset.Stage;
import org.unidefense.data.loader.Batch;
import org.unidefense.data.loader.InMemoryImageStore;
import org.unidefense.data.loader.PairedBatches;
import org.unidefense.data.loader.RgbEncoder;
import org.unidefense.data.loader.SplitLoaders;
import org.unidefense.data.loader.TinyFfpp;
import org.unidefense.data.transform.Pixels;

import org.unidefense.metrics.MetricReport;
import org.unidefense.metrics.Metrics;
import org.unidefense.metrics.ThresholdRule;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The training streams each protocol draws a step's batch from. */
class ProtocolStreamsTest {
    @TempDir
    static Path root;
    static ResolvedConfig fe;
    static SplitIndex feIndex;

    @BeforeAll
    static void setUp() throws IOException {
        TinyFfpp.write(root);
        fe = ConfigLoader.load(root.resolve("model.yml"));
        feIndex = SplitIndexBuilder.forRun(SplitLoaders.cropMode(fe)).build(fe.dataset(), Stage.TRAIN);
    }

    @AfterAll
    static void close() {
        org.unidefense.data.store.LmdbImageStore.closeAll();
    }

    private static List<Batch> take(PairedBatches batches, int n) {
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(batches.next());
        }
        return out;
    }

    @Test
    void forgeryStepsHoldEqualRealAndFakeBatchesRealsFirst() throws Exception {
        try (Protocol p = Protocol.of(fe, feIndex); PairedBatches batches = p.trainBatches(0)) {
            // 3 real and 3 fake frames, batch 2, the forgery engine keeps the short last batch: 2, 1, 2, 1, ...
            int[] expectedPerClass = {2, 1, 2, 1};
            List<Batch> steps = take(batches, 4);
            for (int i = 0; i < steps.size(); i++) {
                long[] labels = steps.get(i).labels();
                int k = expectedPerClass[i];
                assertEquals(2 * k, labels.length);
                for (int j = 0; j < labels.length; j++) {
                    assertEquals(j < k ? 0 : 1, labels[j], "step " + (i + 1) + " item " + j);
                }
            }
            // one epoch of each stream covers each of its frames once
            Map<String, Integer> seen = new HashMap<>();
            steps.subList(0, 2).forEach(b -> b.ids().forEach(id -> seen.merge(id, 1, Integer::sum)));
            assertEquals(6, seen.size());
        }
    }

    @Test
    void streamsResumeAtTheStepTheyStopped() throws Exception {
        List<List<String>> straight;
        try (Protocol p = Protocol.of(fe, feIndex); PairedBatches batches = p.trainBatches(0)) {
            straight = take(batches, 5).stream().map(Batch::ids).toList();
        }
        for (int done : new int[] {1, 2, 3}) {
            try (Protocol p = Protocol.of(fe, feIndex); PairedBatches batches = p.trainBatches(done)) {
                List<List<String>> resumed = take(batches, 5 - done).stream().map(Batch::ids).toList();
                assertEquals(straight.subList(done, 5), resumed, "resumed after " + done + " steps");
            }
        }
        // a resume one position off would be caught: the batches differ in size and content
        org.junit.jupiter.api.Assertions.assertNotEquals(straight.subList(1, 5), straight.subList(0, 4));
    }

    private static ResolvedConfig ocimConfig() throws IOException {
        Path dir = root.resolve("ocim");
        Files.createDirectories(dir);
        String transforms = "  - name: Resize\n    params: {height: 32, width: 32}\n"
                + "  - name: Normalize\n    params: {mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5]}\n";
        Files.writeString(dir.resolve("data.yml"), "root: " + dir + "\nO_root: O\nC_root: C\nI_root: I\n"
                + "M_root: M\nuse_lmdb: true\ntrain_dataset: [O, C, I]\ndev_dataset: [M]\ntest_dataset: [M]\n"
                + "num_steps: 4\nlog_steps: 1\nval_steps: 2\n"
                + "train_transforms:\n" + transforms + "dev_transforms:\n" + transforms + "test_transforms:\n" + transforms);
        Files.writeString(dir.resolve("model.yml"), Files.readString(root.resolve("model.yml"))
                .replace("file: data.yml", "file: " + dir.resolve("data.yml")));
        return ConfigLoader.load(dir.resolve("model.yml"));
    }

    /** A part of {@code videos} videos per class with two frames each, every frame a different grey. */
    private static DatasetSplit videoPart(String name, String source, int videos) {
        InMemoryImageStore store = new InMemoryImageStore();
        List<Sample> samples = new ArrayList<>();
        int k = 0;
        for (int label = 0; label < 2; label++) {
            for (int v = 0; v < videos; v++) {
                for (int f = 0; f < 2; f++) {
                    String path = source + "/" + label + "/v" + v + "/" + f + ".png";
                    byte[] hwc = new byte[32 * 32 * 3];
                    java.util.Arrays.fill(hwc, (byte) (17 * k++ % 256));
                    store.put(path, RgbEncoder.encode(Pixels.fromBytes(hwc, 32, 32, 3), ".png"));
                    samples.add(Sample.of(path, label, label == 0 ? "real" : "fake", source));
                }
            }
        }
        return new DatasetSplit(name, "test", samples, Map.of(source, store));
    }

    @Test
    void forgeryValidatesFramesAtThresholdHalf() {
        SplitIndex index = new SplitIndex("FFpp", List.of(), List.of(videoPart("val", "FFpp", 3)), List.of());
        UniDefenseModel model = ModelRegistry.create("udr18");
        try (Protocol p = Protocol.of(fe, index)) {
            Evaluation e = p.validate(model);
            assertEquals(0.5, e.metrics().get("val/Thre"), 0.0);
            assertEquals(6.0, e.metrics().get("val/NumP"), 0.0);
            assertEquals(6.0, e.metrics().get("val/NumN"), 0.0);
            assertEquals(12, e.samples().size());
        }
    }

    @Test
    void ocimValidatesVideosWithTheirEerThreshold() throws IOException {
        DatasetSplit target = videoPart("val", "M", 3);
        SplitIndex index = new SplitIndex("OCIM", List.of(), List.of(target), List.of(target));
        UniDefenseModel model = ModelRegistry.create("udr18");
        try (Protocol p = Protocol.of(ocimConfig(), index)) {
            Evaluation e = p.validate(model);
            assertEquals(3.0, e.metrics().get("val/video/NumP"), 0.0);
            assertEquals(6.0, e.metrics().get("val/frame/NumP"), 0.0);
            // independent aggregation: the mean score of each video's two frames
            ScoredFrames f = e.samples();
            int[] videoLabels = new int[6];
            double[] videoScores = new double[6];
            for (int i = 0; i < 12; i += 2) {
                videoLabels[i / 2] = f.labels()[i];
                videoScores[i / 2] = (f.scores()[i] + f.scores()[i + 1]) / 2;
            }
            MetricReport byHand = Metrics.evaluate(videoLabels, videoScores, ThresholdRule.AUTO);
            assertEquals(byHand.threshold(), e.threshold(), 1e-9);
            assertEquals(byHand.auc(), e.metrics().get("val/video/AUC"), 1e-12);
            assertEquals(byHand.acer(), e.metrics().get("val/video/ACER"), 1e-12);
        }
    }

    @Test
    void ocimStepsHoldOneBatchPerSourceDomainAndClass() throws Exception {
        ResolvedConfig cfg = ocimConfig();
        // domains of different sizes: each still gives one batch (of 2) per class every step
        int[][] sizes = {{3, 6}, {4, 2}, {2, 5}};
        String[] domains = {"O", "C", "I"};
        List<DatasetSplit> train = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            for (int label = 0; label < 2; label++) {
                InMemoryImageStore store = new InMemoryImageStore();
                List<Sample> samples = new ArrayList<>();
                for (int i = 0; i < sizes[d][label]; i++) {
                    String path = domains[d] + "/" + (label == 0 ? "real" : "fake") + "/v" + i + "/0.png";
                    store.put(path, RgbEncoder.encode(Pixels.fromBytes(new byte[16 * 16 * 3], 16, 16, 3), ".png"));
                    samples.add(Sample.of(path, label, label == 0 ? "real" : "fake", domains[d]));
                }
                train.add(new DatasetSplit("train/" + domains[d] + (label == 0 ? "/real" : "/fake"), "train", samples,
                        Map.of(domains[d], store)));
            }
        }
        SplitIndex index = new SplitIndex("OCIM", train, List.of(), List.of());
        try (Protocol p = Protocol.of(cfg, index); PairedBatches batches = p.trainBatches(0)) {
            for (Batch b : take(batches, 5)) {
                // reals of O, C, I, then fakes of O, C, I: two of each
                List<String> order = b.samples().stream().map(s -> s.source() + s.label()).toList();
                assertEquals(List.of("O0", "O0", "C0", "C0", "I0", "I0", "O1", "O1", "C1", "C1", "I1", "I1"), order);
            }
        }
    }
}
