package org.unidefense.data.dataset;

import org.unidefense.data.ImageStore;
import org.unidefense.data.NumpyRandom;
import org.unidefense.data.Sample;

import java.util.List;
import java.util.Map;

/** Reads one split of a face-forgery dataset (FF++, Celeb-DF, WildDeepfake) for some methods. */
public interface ForgeryReader {

    /** The loader name ({@code FFpp}, {@code CDF}, {@code WDF}); also the samples' source. */
    String name();

    /** The splits the dataset has. */
    List<String> splits();

    /** The method names it accepts. */
    List<String> methods();

    /**
     * The samples of {@code split} selected by {@code methods}, resampled to {@code fpv} frames
     * per video (null = all) with {@code random}.
     */
    List<Sample> read(String split, List<String> methods, Integer fpv, NumpyRandom random);

    /** The image stores of {@code split}, by source. */
    Map<String, ImageStore> stores(String split);
}
