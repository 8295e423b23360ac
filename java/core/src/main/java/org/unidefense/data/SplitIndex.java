package org.unidefense.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts a reference engine builds from one dataset file, grouped by stage.
 *
 * <ul>
 *   <li>FE (FF++, Celeb-DF, WildDeepfake): train = {@code train/real}, {@code train/fake};
 *       val = {@code val} (read from the test split where the dataset has no val split); test = {@code test}.</li>
 *   <li>OCIM: train = {@code train/<domain>/real}, {@code train/<domain>/fake} per source domain;
 *       val and test = the first test domain's whole data, real then fake.</li>
 *   <li>UniAttack: train = {@code train/real}, {@code train/fake}; val = {@code val/real},
 *       {@code val/fake}; test = {@code test}.</li>
 * </ul>
 *
 * @param dataset the loader name ({@code FFpp}, {@code CDF}, {@code WDF}, {@code OCIM}, {@code UniAttack})
 * @param train   the training parts, empty when not built (test stage)
 * @param val     the validation parts, empty when not built
 * @param test    the test parts, empty when not built
 */
public record SplitIndex(String dataset, List<DatasetSplit> train, List<DatasetSplit> val, List<DatasetSplit> test) {

    public SplitIndex {
        train = List.copyOf(train);
        val = List.copyOf(val);
        test = List.copyOf(test);
    }

    /** Every part, train then val then test. */
    public List<DatasetSplit> all() {
        List<DatasetSplit> out = new ArrayList<>(train);
        out.addAll(val);
        out.addAll(test);
        return out;
    }

    /** The part named {@code name} (e.g. {@code train/real}). */
    public java.util.Optional<DatasetSplit> part(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
