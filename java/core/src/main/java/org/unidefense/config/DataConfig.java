package org.unidefense.config;

import java.nio.file.Path;

/**
 * The {@code data:} block of a model file: loader settings and the dataset file to read.
 *
 * @param file           {@code data.file} as written (or as given by {@code --ds_config})
 * @param resolvedFile   where that file was found (see {@link ConfigLoader} for the search order)
 * @param trainBatchSize {@code data.train_batch_size}: per source (real and fake, or per OCIM domain and label),
 *                       so a step sees several times this many images (required for training)
 * @param valBatchSize   {@code data.val_batch_size} (required for training)
 * @param testBatchSize  {@code data.test_batch_size} (required for testing, and for UniAttack training, which
 *                       also builds its test loader)
 * @param numWorkers     {@code data.num_workers}: loader threads; null = the reference default, see
 *                       {@link #numWorkersOr(int)}
 * @param onError        {@code data.on_error} (this port's key): {@code fail} (default, as the reference: an
 *                       unreadable item stops the run, naming it) or {@code skip} (training only: log, count
 *                       and leave the item out)
 */
public record DataConfig(
        String file,
        Path resolvedFile,
        Integer trainBatchSize,
        Integer valBatchSize,
        Integer testBatchSize,
        Integer numWorkers,
        OnError onError) {

    /**
     * The configured worker count, or {@code referenceDefault}: the reference uses 4, except 8
     * for the UniAttack training loaders.
     */
    public int numWorkersOr(int referenceDefault) {
        return numWorkers != null ? numWorkers : referenceDefault;
    }

    static DataConfig read(Section s, String fileOverride, Path resolved, Engine engine, boolean testStage) {
        s.know("file");
        String file = fileOverride != null ? fileOverride : s.requiredString("file");
        Integer train = testStage ? s.optionalPositive("train_batch_size") : s.requiredPositive("train_batch_size");
        Integer val = testStage ? s.optionalPositive("val_batch_size") : s.requiredPositive("val_batch_size");
        boolean needsTest = testStage || engine == Engine.UE;
        Integer test = needsTest ? s.requiredPositive("test_batch_size") : s.optionalPositive("test_batch_size");
        Integer workers = s.optionalInteger("num_workers");
        if (workers != null && workers < 0) {
            throw s.invalid("num_workers", "expected 0 or more, found " + workers);
        }
        OnError onError = s.choice("on_error", OnError.FAIL, OnError.class);
        s.finish();
        return new DataConfig(file, resolved, train, val, test, workers, onError);
    }
}
