package org.unidefense.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A face-forgery dataset file (engine FE): FaceForensics++ ({@code FFpp}), Celeb-DF v2 ({@code CDF}),
 * WildDeepfake ({@code WDF}) or the Deepfake Detection Challenge ({@code DFDC}, RECCE's reader).
 *
 * <p>The reference trains from two loaders, real methods and fake methods, validates on both
 * (on the test split for CDF and WDF, which have no validation split) and tests on both.
 *
 * @param common      shared keys; {@code common().name()} is the dataset
 * @param realMethods {@code real_method}: real sources, e.g. {@code [Origin]}
 * @param fakeMethods {@code fake_method}: manipulation methods, e.g. {@code [Deepfakes, Face2Face, ...]}
 * @param compression {@code compression}: FF++ quality {@code c0}, {@code c23} or {@code c40} (FFpp only; null otherwise)
 * @param trainFpv    {@code train_fpv}: frames sampled per fake video in training; the real loader samples
 *                    this times the number of fake methods (see {@link #realTrainFpv()}); null = all frames
 * @param valFpv      {@code val_fpv}: frames per video for validation; null = all
 * @param testFpv     {@code test_fpv}: frames per video for testing; null = all
 * @param lmdb        {@code lmdb}: LMDB store name under {@code <root>/lmdb} (needed when {@code use_lmdb} is true)
 * @param valSplit    {@code val_split} (project extension): the split validation reads, {@code val} or
 *                    {@code test}; default {@code val} where the dataset has one (FF++), else {@code test}. RECCE's
 *                    model files validate FF++ on {@code test} ({@code val_branch: test_cfg}), see {@link RecceSchema}
 */
public record ForgeryDatasetConfig(
        DatasetCommon common,
        List<String> realMethods,
        List<String> fakeMethods,
        String compression,
        Integer trainFpv,
        Integer valFpv,
        Integer testFpv,
        String lmdb,
        String valSplit) implements DatasetConfig {

    static final List<String> DATASETS = List.of("FFpp", "CDF", "WDF", "DFDC");
    static final List<String> FFPP_METHODS = List.of("Origin", "Deepfakes", "Face2Face", "FaceSwap",
            "NeuralTextures", "FaceShifter", "DeeperForensics");
    static final List<String> CDF_METHODS = List.of("YouTube-real", "Celeb-real", "Celeb-synthesis");
    static final List<String> WDF_METHODS = List.of("real", "fake");
    static final List<String> DFDC_METHODS = List.of("real", "fake");
    static final List<String> COMPRESSIONS = List.of("c0", "c23", "c40");

    @Override
    public Engine engine() {
        return Engine.FE;
    }

    /** Whether the dataset has a validation split (FF++ does; CDF, WDF and DFDC validate on their test split). */
    public boolean hasValSplit() {
        return common.name().equals("FFpp");
    }

    /** The splits validation may read: {@code val} where the dataset has it, and {@code test}. */
    static List<String> validationSplits(String dataset) {
        return dataset.equals("FFpp") ? List.of("val", "test") : List.of("test");
    }

    /** Frames per real video in training: {@code train_fpv * len(fake_method)}, balancing real and fake; null = all. */
    public Integer realTrainFpv() {
        return trainFpv == null ? null : trainFpv * fakeMethods.size();
    }

    static ForgeryDatasetConfig read(Section s, boolean testStage) {
        String name = s.requiredChoice("name", DATASETS);
        List<String> allowed = switch (name) {
            case "FFpp" -> FFPP_METHODS;
            case "CDF" -> CDF_METHODS;
            case "DFDC" -> DFDC_METHODS;
            default -> WDF_METHODS;
        };
        List<String> real = methods(s, "real_method", allowed, name);
        List<String> fake = methods(s, "fake_method", allowed, name);
        String compression = name.equals("FFpp") ? s.requiredChoice("compression", COMPRESSIONS) : null;
        List<String> valSplits = validationSplits(name);
        String valSplit = s.choice("val_split", valSplits.get(0), valSplits);
        List<String> splits = testStage ? List.of("test") : List.of("train", valSplit);
        DatasetCommon common = DatasetCommon.read(s, testStage, splits);
        Integer trainFpv = s.optionalPositive("train_fpv");
        Integer valFpv = s.optionalPositive("val_fpv");
        Integer testFpv = s.optionalPositive("test_fpv");
        String lmdb = common.useLmdb() ? s.requiredString("lmdb") : s.string("lmdb", null);
        s.finish();
        return new ForgeryDatasetConfig(common, real, fake, compression, trainFpv, valFpv, testFpv, lmdb, valSplit);
    }

    private static List<String> methods(Section s, String key, List<String> allowed, String dataset) {
        List<String> methods = s.requiredStringList(key);
        for (String m : methods) {
            if (!allowed.contains(m)) {
                throw s.invalid(key, "\"" + m + "\" is not a method of " + dataset + "; expected some of " + allowed
                        + DidYouMean.suggest(m, allowed).map(x -> " (did you mean '" + x + "'?)").orElse(""));
            }
        }
        return methods;
    }

    @Override
    public Map<String, Object> toPlain() {
        Map<String, Object> out = common.toPlain();
        out.put("real_method", realMethods);
        out.put("fake_method", fakeMethods);
        if (compression != null) {
            out.put("compression", compression);
        }
        out.put("train_fpv", trainFpv);
        out.put("val_fpv", valFpv);
        out.put("test_fpv", testFpv);
        if (lmdb != null) {
            out.put("lmdb", lmdb);
        }
        out.put("val_split", valSplit);
        common.putTransforms(out);
        return new LinkedHashMap<>(out);
    }
}
