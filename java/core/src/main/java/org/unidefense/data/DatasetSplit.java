package org.unidefense.data;

import org.unidefense.UserInputException;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The samples one loader of the reference iterates (e.g. the real training set, or the test set)
 * and the stores holding their images.
 *
 * @param name    role of this part, e.g. {@code train/real}, {@code train/O/fake}, {@code val}, {@code test}
 * @param split   the dataset split the samples were read from ({@code train}, {@code val}, {@code dev},
 *                {@code test}); CDF and WDF validate on {@code test}
 * @param samples the samples in the reference's order (after frames-per-video resampling)
 * @param stores  image stores by {@link Sample#source()}
 */
public record DatasetSplit(String name, String split, List<Sample> samples, Map<String, ImageStore> stores) {

    public DatasetSplit {
        samples = List.copyOf(samples);
        stores = Map.copyOf(stores);
    }

    /** The store holding the image of {@code sample}. */
    public ImageStore storeFor(Sample sample) {
        ImageStore store = stores.get(sample.source());
        if (store == null) {
            throw new UserInputException("item '" + sample.path() + "': no image store for source '"
                    + sample.source() + "' in " + name + " (stores: " + stores.keySet() + ")");
        }
        return store;
    }

    /** The encoded image of {@code sample}. */
    public byte[] read(Sample sample) {
        return storeFor(sample).read(sample.storeKey());
    }

    public int size() {
        return samples.size();
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    /** The real samples (label 0), as a split named {@code <name>/real}. */
    public DatasetSplit real() {
        return filter(name + "/real", s -> !s.isFake());
    }

    /** The fake samples (label 1), as a split named {@code <name>/fake}. */
    public DatasetSplit fake() {
        return filter(name + "/fake", Sample::isFake);
    }

    /** The samples selected by {@code method}, as a split named {@code <name>/<method>}. */
    public DatasetSplit method(String method) {
        return filter(name + "/" + method, s -> s.method().equals(method));
    }

    /** A subset with the same stores. */
    public DatasetSplit filter(String newName, Predicate<Sample> keep) {
        return new DatasetSplit(newName, split, samples.stream().filter(keep).toList(), stores);
    }

    /** Method names in order of first appearance. */
    public List<String> methods() {
        Set<String> out = new LinkedHashSet<>();
        samples.forEach(s -> out.add(s.method()));
        return List.copyOf(out);
    }

    /** Video ids in order of first appearance. */
    public List<String> videoIds() {
        Set<String> out = new LinkedHashSet<>();
        samples.forEach(s -> out.add(s.videoId()));
        return List.copyOf(out);
    }

    /** Frames of each video, videos in order of first appearance. */
    public Map<String, List<Sample>> byVideo() {
        Map<String, List<Sample>> out = new LinkedHashMap<>();
        samples.forEach(s -> out.computeIfAbsent(s.videoId(), k -> new java.util.ArrayList<>()).add(s));
        return out;
    }

    /**
     * Fails when the split is empty (a reference loader would silently yield nothing, or divide by
     * zero when it averages).
     */
    public DatasetSplit requireNonEmpty() {
        if (samples.isEmpty()) {
            throw new UserInputException("split '" + name + "' (dataset split '" + split + "') has no samples;"
                    + " check the methods and the index files");
        }
        return this;
    }
}
