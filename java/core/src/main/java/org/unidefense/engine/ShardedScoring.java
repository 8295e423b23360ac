package org.unidefense.engine;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.Sample;
import org.unidefense.data.loader.BatchLoader;
import org.unidefense.distributed.DistributedRun;
import org.unidefense.distributed.DoubleTensors;
import org.unidefense.model.UniDefenseModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluation over ranks: each rank scores its shard (the loader's DistributedSampler without
 * shuffling), the (item index, label, score) rows of every rank are all-gathered (every shard has
 * the same length, so no padding is needed), and every rank rebuilds the part's scores in dataset
 * order. The sampler's padding repeats items; each item is kept once, so the metrics are those of
 * one process scoring the whole part (the reference's all_gather_object keeps the repeats).
 */
final class ShardedScoring {
    private ShardedScoring() {
    }

    static ScoredFrames score(UniDefenseModel model, BatchLoader loader, DistributedRun dist) {
        ScoredFrames local = Evaluator.score(model, loader);
        int[] order = loader.sampler().indices(0);
        if (order.length != local.size()) {
            throw new IllegalStateException("rank " + dist.rank() + " scored " + local.size() + " frames of "
                    + loader.split().name() + " but its shard has " + order.length);
        }
        double[] rows = new double[3 * order.length];
        for (int i = 0; i < order.length; i++) {
            rows[3 * i] = order[i];
            rows[3 * i + 1] = local.labels()[i];
            rows[3 * i + 2] = local.scores()[i];
        }
        double[] all;
        try (PointerScope ignored = new PointerScope()) {
            Tensor gathered = dist.group().allgather(DoubleTensors.of(rows, order.length, 3));
            all = DoubleTensors.values(gathered);
        }
        return assemble(all, loader.split());
    }

    /**
     * The frames of {@code split} in dataset order from gathered rows (index, label, score); an
     * index seen twice (sampler padding) keeps its first row.
     */
    static ScoredFrames assemble(double[] rows, DatasetSplit split) {
        int n = split.size();
        boolean[] seen = new boolean[n];
        int[] labels = new int[n];
        double[] scores = new double[n];
        for (int r = 0; r + 2 < rows.length; r += 3) {
            int index = (int) rows[r];
            if (!seen[index]) {
                seen[index] = true;
                labels[index] = (int) rows[r + 1];
                scores[index] = rows[r + 2];
            }
        }
        List<String> paths = new ArrayList<>(n);
        List<String> methods = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (!seen[i]) {
                throw new IllegalStateException("no rank scored item " + i + " of " + split.name());
            }
            Sample s = split.samples().get(i);
            paths.add(s.path());
            methods.add(s.method());
        }
        return new ScoredFrames(paths, methods, labels, scores);
    }
}
