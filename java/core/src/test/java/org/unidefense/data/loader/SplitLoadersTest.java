package org.unidefense.data.loader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.data.DataErrorPolicy;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.SplitIndex;
import org.unidefense.data.dataset.SplitIndexBuilder;
import org.unidefense.data.dataset.Stage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SplitLoadersTest {
    @TempDir
    Path root;

    @Test
    void forgeryTrainingPartsKeepTheLastBatchAndGetTheSplitsTransforms() throws IOException {
        TinyFfpp.write(root);
        ResolvedConfig cfg = ConfigLoader.load(root.resolve("model.yml"));
        SplitIndex index = SplitIndexBuilder.forRun(SplitLoaders.cropMode(cfg)).build(cfg.dataset(), Stage.TRAIN);
        DatasetSplit real = index.part("train/real").orElseThrow();
        assertNull(SplitLoaders.margin(cfg, SplitLoaders.Role.TRAIN), "forgery runs crop nothing");
        try (BatchLoader loader = SplitLoaders.builder(cfg, real, SplitLoaders.Role.TRAIN, DataErrorPolicy.failing())
                .build();
             BatchStream epoch = loader.epoch(0)) {
            // 3 real frames, train_batch_size 2: the reference's FE loader keeps the incomplete batch
            assertEquals(2, loader.batchesPerEpoch());
            Batch first = epoch.next();
            assertArrayEquals(new long[] {2, 3, 24, 32}, first.shape());
            // a solid frame through Normalize(0.5, 0.5): G 90 -> (90 - 127.5) / 127.5, B 200 -> (200 - 127.5) / 127.5
            assertEquals((90 - 127.5f) / 127.5f, first.at(0, 1, 5, 7), 1e-6);
            assertEquals((200 - 127.5f) / 127.5f, first.at(1, 2, 20, 30), 1e-6);
            Set<String> ids = new HashSet<>(first.ids());
            ids.addAll(epoch.next().ids());
            assertEquals(3, ids.size(), "one epoch reads every real frame once");
        }
    }
}
