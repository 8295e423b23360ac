package org.unidefense.engine;

import org.unidefense.UserInputException;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.data.DataErrorPolicy;
import org.unidefense.data.DatasetSplit;
import org.unidefense.data.SplitIndex;
import org.unidefense.data.loader.Batch;
import org.unidefense.data.loader.BatchLoader;
import org.unidefense.data.loader.DistributedSampler;
import org.unidefense.data.loader.PairedBatches;
import org.unidefense.data.loader.SplitLoaders;
import org.unidefense.data.loader.SplitLoaders.Role;
import org.unidefense.distributed.DistributedRun;
import org.unidefense.model.UniDefenseModel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What differs between the reference's engines: which training streams make a step's batch, how
 * a validation is scored and thresholded, how the best model is picked, and what the test stage
 * reports. Loaders are built on first use and closed with the protocol.
 */
public abstract class Protocol implements AutoCloseable {
    protected final ResolvedConfig cfg;
    protected final SplitIndex index;
    private final DataErrorPolicy errors;
    private final Map<String, BatchLoader> loaders = new LinkedHashMap<>();
    private DistributedRun dist = DistributedRun.SINGLE;

    protected Protocol(ResolvedConfig cfg, SplitIndex index) {
        this.cfg = cfg;
        this.index = index;
        this.errors = DataErrorPolicy.of(cfg.data());
    }

    /** The protocol of the configured engine. */
    public static Protocol of(ResolvedConfig cfg, SplitIndex index) {
        return switch (cfg.engine()) {
            case FE -> new ForgeryProtocol(cfg, index);
            case OCIM -> new OcimProtocol(cfg, index);
            case UE -> new UniAttackProtocol(cfg, index);
        };
    }

    /**
     * Runs the protocol as one rank of {@code dist}: every loader reads this rank's share
     * (DistributedSampler semantics) and evaluations gather the shards' scores. Call before any
     * loader is built.
     */
    public void distribute(DistributedRun dist) {
        if (!loaders.isEmpty()) {
            throw new IllegalStateException("distribute the protocol before its loaders are built");
        }
        this.dist = dist == null ? DistributedRun.SINGLE : dist;
    }

    /**
     * The real streams and the fake streams of training, in the order their batches are concatenated:
     * one of each by default (FE, UE); OCIM has one per source domain.
     */
    protected List<DatasetSplit> realTrainParts() {
        return List.of(trainPart("train/real"));
    }

    protected List<DatasetSplit> fakeTrainParts() {
        return List.of(trainPart("train/fake"));
    }

    /** Validation during training. */
    public abstract Evaluation validate(UniDefenseModel model);

    /** The test stage's evaluation. */
    public abstract Evaluation test(UniDefenseModel model);

    /** The best-model rules; the first is the reference's ({@code best}). */
    public abstract List<BestModelRule> rules();

    /** The reference's checkpoint entries ({@code best_auc}, ...) from the best metrics of the first rule. */
    public abstract Map<String, Object> referenceBestEntries(Map<String, Double> best);

    /**
     * One batch per training stream each step, reals first. The streams continue the data order
     * after {@code stepsDone} steps, so a resumed run reads what an uninterrupted one would.
     */
    public PairedBatches trainBatches(long stepsDone) {
        List<Iterator<Batch>> real = new ArrayList<>();
        List<Iterator<Batch>> fake = new ArrayList<>();
        for (DatasetSplit p : realTrainParts()) {
            real.add(loader(p, Role.TRAIN).forever(1, stepsDone));
        }
        for (DatasetSplit p : fakeTrainParts()) {
            fake.add(loader(p, Role.TRAIN).forever(1, stepsDone));
        }
        return new PairedBatches(real, fake);
    }

    /** The loader of {@code part}, built on first use. */
    protected BatchLoader loader(DatasetSplit part, Role role) {
        return loaders.computeIfAbsent(role + ":" + part.name(), k -> {
            BatchLoader.Builder b = SplitLoaders.builder(cfg, part, role, errors);
            if (dist.isDistributed()) {
                // As torch's DistributedSampler defaults: pad to a multiple of the world size.
                b.sampler(new DistributedSampler(part.size(), dist.worldSize(), dist.rank(), role == Role.TRAIN,
                        cfg.config().seed(), false));
            }
            return b.build();
        });
    }

    protected ScoredFrames score(UniDefenseModel model, DatasetSplit part, Role role) {
        BatchLoader loader = loader(part, role);
        return dist.isDistributed() ? ShardedScoring.score(model, loader, dist) : Evaluator.score(model, loader);
    }

    protected DatasetSplit trainPart(String name) {
        return index.part(name).orElseThrow(() -> new UserInputException(
                "dataset file " + cfg.datasetFile() + ": no '" + name + "' part for the " + cfg.engine() + " engine"));
    }

    protected static DatasetSplit only(List<DatasetSplit> parts, String what) {
        if (parts.isEmpty()) {
            throw new UserInputException("the dataset has no " + what + " part");
        }
        return parts.get(0);
    }

    public DataErrorPolicy errors() {
        return errors;
    }

    @Override
    public void close() {
        loaders.values().forEach(BatchLoader::close);
        loaders.clear();
    }
}
