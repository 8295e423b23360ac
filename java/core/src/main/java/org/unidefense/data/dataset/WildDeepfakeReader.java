package org.unidefense.data.dataset;

import org.unidefense.data.FramesPerVideo;
import org.unidefense.data.ImageStore;
import org.unidefense.data.NumpyRandom;
import org.unidefense.data.Sample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * WildDeepfake as the reference reads it: {@code <root>/<split>/<method>.pickle} lists the frames
 * of method {@code real} or {@code fake}, with paths relative to {@code <root>/<split>}; each
 * method's list is resampled on its own.
 */
public final class WildDeepfakeReader extends ForgeryReaderBase {
    public static final String NAME = "WDF";
    public static final List<String> METHODS = List.of("real", "fake");
    public static final List<String> SPLITS = List.of("train", "test");

    public WildDeepfakeReader(Path root, String lmdb, StoreOpener opener) {
        super(NAME, SPLITS, METHODS, root, lmdb, opener);
    }

    @Override
    public List<Sample> read(String split, List<String> methods, Integer fpv, NumpyRandom random) {
        check(split, methods);
        List<Sample> out = new ArrayList<>();
        for (String method : methods) {
            int label = method.equals("real") ? Sample.REAL : Sample.FAKE;
            List<Sample> part = new ArrayList<>();
            for (String line : IndexFiles.lines(root.resolve(split).resolve(method + ".pickle"))) {
                part.add(IndexLine.toSample(line, IndexLine.pathOf(line), label, method, NAME, false));
            }
            out.addAll(FramesPerVideo.resample(part, fpv, random));
        }
        return out;
    }

    @Override
    public Map<String, ImageStore> stores(String split) {
        return Map.of(NAME, store(root.resolve(split)));
    }
}
