package org.unidefense.engine;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.data.Sample;
import org.unidefense.data.loader.Batch;
import org.unidefense.data.loader.BatchLoader;
import org.unidefense.data.loader.BatchStream;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.Placement;
import org.unidefense.tensor.Tensors;

import java.util.ArrayList;
import java.util.List;

import static org.bytedeco.pytorch.global.torch.softmax;

/** Scores every frame of a loader's part in order, in eval mode without gradients. */
public final class Evaluator {
    private Evaluator() {
    }

    public static ScoredFrames score(UniDefenseModel model, BatchLoader loader) {
        boolean wasTraining = model.is_training();
        model.train(false);
        List<String> paths = new ArrayList<>();
        List<String> methods = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        // inference mode: no autograd bookkeeping at all (version counters, views) on these tensors
        try (BatchStream batches = loader.epoch(0); InferenceMode ignored = new InferenceMode()) {
            while (batches.hasNext()) {
                Batch b = batches.next();
                try (PointerScope scope = new PointerScope()) {
                    Tensor probs = softmax(model.score(Placement.toDeviceOf(b.imagesTensor(), model)), 1).select(1, 0).contiguous();
                    float[] p = Tensors.toFloats(probs);
                    for (int i = 0; i < b.size(); i++) {
                        Sample s = b.samples().get(i);
                        paths.add(s.path());
                        methods.add(s.method());
                        labels.add((int) b.labels()[i]);
                        scores.add((double) p[i]);
                    }
                }
            }
        } finally {
            model.train(wasTraining);
        }
        return new ScoredFrames(paths, methods, labels.stream().mapToInt(Integer::intValue).toArray(),
                scores.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
