package org.unidefense.data.loader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.unidefense.config.ResolvedConfig;
import org.unidefense.config.TransformSpec;
import org.unidefense.data.DataErrorPolicy;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.transform.TransformPipeline;

/**
 * {@code data show}: a grid of samples of one stage as the model would see them after the split's
 * transforms, for checking crops, augmentation and labels by eye.
 */
public final class DataShow {
    private DataShow() {
    }

    /**
     * The transforms for display: the split's list without {@code Normalize}, so pixels stay in
     * 0..255. Exact when Normalize comes last, as in every reference config.
     */
    public static List<TransformSpec> displaySpecs(List<TransformSpec> specs) {
        return specs.stream().filter(t -> !t.name().equals("Normalize")).toList();
    }

    /** Loaders of {@code parts} in display form: one thread, the role's crop, no Normalize. */
    public static List<BatchLoader> displayLoaders(ResolvedConfig cfg, List<DatasetSplit> parts, SplitLoaders.Role role,
                                                   DataErrorPolicy errors) {
        List<BatchLoader> out = new ArrayList<>();
        for (DatasetSplit part : parts) {
            List<TransformSpec> specs = displaySpecs(SplitLoaders.transformSpecs(cfg, part));
            out.add(BatchLoader.builder(part, TransformPipeline.fromSpecs(part.split() + "_transforms",
                            SplitLoaders.asMaps(specs)))
                    .crop(SplitLoaders.cropMode(cfg), SplitLoaders.margin(cfg, role))
                    .seed(cfg.config().seed())
                    .errors(errors)
                    .build());
        }
        return out;
    }

    /**
     * Loads {@code n} samples, taken in turn from each loader's part in a shuffled order drawn with
     * {@code seed} (so real and fake parts are both shown), and writes the grid as a PNG.
     *
     * @return the samples drawn, in grid order (one single-image batch each)
     */
    public static List<Batch> write(List<BatchLoader> loaders, int n, long seed, Path out) throws IOException {
        List<int[]> orders = new ArrayList<>();
        for (BatchLoader l : loaders) {
            orders.add(DistributedSampler.single(l.split().size(), true, seed).indices(0));
        }
        List<Batch> shown = new ArrayList<>();
        int[] next = new int[loaders.size()];
        boolean progress = true;
        while (shown.size() < n && progress) {
            progress = false;
            for (int p = 0; p < loaders.size() && shown.size() < n; p++) {
                if (next[p] < orders.get(p).length) {
                    shown.add(loaders.get(p).loadItem(orders.get(p)[next[p]++], 0));
                    progress = true;
                }
            }
        }
        if (shown.isEmpty()) {
            throw new org.unidefense.UserInputException("no samples to show: the selected parts are empty");
        }
        Batch first = shown.get(0);
        new SampleGrid(shown.size(), first.width(), first.height()).write(shown, out);
        return shown;
    }
}
