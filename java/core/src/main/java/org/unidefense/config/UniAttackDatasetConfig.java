package org.unidefense.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A UniAttack benchmark dataset file (engine UE): forgery and spoofing sources read from six
 * LMDB stores. Methods are written {@code <source>-<method>}, e.g. {@code FFpp-DF} or {@code HQ-Replay}.
 *
 * @param common           shared keys ({@code common().root()} is a placeholder; {@code use_lmdb} is ignored)
 * @param sourceRoots      {@code FFpp_root}, {@code CDF_root}, {@code SeqDF_root}, {@code HQ_root}, {@code OULU_root},
 *                         {@code SiWMv2_root} by source name; a null root means the source is not available
 *                         (every key must be present in the file, as the reference indexes all six)
 * @param trainRealFpv     {@code train_real_fpv}: frames per real video in training; null = all
 * @param trainFakeFpv     {@code train_fake_fpv}
 * @param valRealFpv       {@code val_real_fpv}
 * @param valFakeFpv       {@code val_fake_fpv}
 * @param testRealFpv      {@code test_real_fpv}
 * @param testFakeFpv      {@code test_fake_fpv} (Seq-DeepFake is frame-level and never resampled)
 * @param distorted        {@code distorted}: test on distorted images (Protocol 1, distorted variant; default false)
 * @param trainRealMethods {@code train_real_method}
 * @param trainFakeMethods {@code train_fake_method}
 * @param valRealMethods   {@code val_real_method}
 * @param valFakeMethods   {@code val_fake_method}
 * @param testMethods      {@code test_method}: real and fake methods of the test split together
 */
public record UniAttackDatasetConfig(
        DatasetCommon common,
        Map<String, String> sourceRoots,
        Integer trainRealFpv,
        Integer trainFakeFpv,
        Integer valRealFpv,
        Integer valFakeFpv,
        Integer testRealFpv,
        Integer testFakeFpv,
        boolean distorted,
        List<String> trainRealMethods,
        List<String> trainFakeMethods,
        List<String> valRealMethods,
        List<String> valFakeMethods,
        List<String> testMethods) implements DatasetConfig {

    static final String NAME = "UniAttack";
    /** Source names in the order of the reference's root keys. */
    public static final List<String> SOURCES = List.of("FFpp", "CDF", "SeqDF", "HQ", "OULU", "SiWMv2");
    static final List<String> METHODS = List.of(
            "FFpp-DF", "FFpp-F2F", "FFpp-FS", "FFpp-NT", "FFpp-Real",
            "CDF-Fake", "CDF-Real",
            "SeqDF-Fake", "SeqDF-Real",
            "HQ-Flexiblemask", "HQ-Glasses", "HQ-Makeup", "HQ-Mannequin",
            "HQ-Papermask", "HQ-Replay", "HQ-Rigidmask", "HQ-Tattoo", "HQ-Real",
            "OULU-Fake", "OULU-Real",
            "SiWMv2-Fake", "SiWMv2-Real");

    @Override
    public Engine engine() {
        return Engine.UE;
    }

    /** The root of a source ({@code FFpp}, {@code HQ}, ...), or null when that source is not configured. */
    public String rootOf(String source) {
        return sourceRoots.get(source);
    }

    static UniAttackDatasetConfig read(Section s, boolean testStage, boolean useDomainLabel) {
        DatasetCommon common = DatasetCommon.read(s, testStage,
                testStage ? List.of("val", "test") : List.of("train", "val", "test"));
        if (common.name() != null && !common.name().equals(NAME)) {
            throw s.invalid("name", "expected \"" + NAME + "\" for a UniAttack dataset file, found \""
                    + common.name() + "\"");
        }
        Map<String, String> roots = new LinkedHashMap<>();
        for (String source : SOURCES) {
            String key = source + "_root";
            if (s.node(key) == null) {
                throw s.missing(key, "the " + source + " directory, or null when it is not used");
            }
            roots.put(source, s.string(key, null));
        }
        Integer trf = s.optionalPositive("train_real_fpv");
        Integer tff = s.optionalPositive("train_fake_fpv");
        Integer vrf = s.optionalPositive("val_real_fpv");
        Integer vff = s.optionalPositive("val_fake_fpv");
        Integer terf = s.optionalPositive("test_real_fpv");
        Integer tef = s.optionalPositive("test_fake_fpv");
        boolean distorted = s.bool("distorted", false);
        List<String> trainReal = methods(s, "train_real_method", !testStage, roots);
        List<String> trainFake = methods(s, "train_fake_method", !testStage, roots);
        List<String> valReal = methods(s, "val_real_method", true, roots);
        List<String> valFake = methods(s, "val_fake_method", true, roots);
        List<String> test = methods(s, "test_method", true, roots);
        if (distorted) {
            List<TransformSpec> train = common.transformsOf("train");
            if (train.isEmpty() || !train.get(0).params().containsKey("height")
                    || !train.get(0).params().containsKey("width")) {
                throw s.invalid("distorted", "the distorted test pipeline takes its size from the first train "
                        + "transform, which needs 'height' and 'width' params");
            }
        }
        if (useDomainLabel && !testStage) {
            long realSources = trainReal.stream().map(m -> m.split("-")[0]).distinct().count();
            long fakeSources = trainFake.stream().map(m -> m.split("-")[0]).distinct().count();
            if (realSources != fakeSources) {
                throw s.invalid("train_fake_method", "use_domain_label needs the same sources among real and fake "
                        + "training methods; found " + realSources + " real and " + fakeSources + " fake sources");
            }
        }
        s.know("use_lmdb");
        s.finish();
        return new UniAttackDatasetConfig(common, Collections.unmodifiableMap(roots), trf, tff, vrf, vff, terf, tef,
                distorted, trainReal, trainFake, valReal, valFake, test);
    }

    private static List<String> methods(Section s, String key, boolean required, Map<String, String> roots) {
        List<String> methods = required ? s.requiredStringList(key) : s.optionalStringList(key);
        if (methods == null) {
            return List.of();
        }
        for (String m : methods) {
            if (!METHODS.contains(m)) {
                throw s.invalid(key, "\"" + m + "\" is not a UniAttack method; expected some of " + METHODS
                        + DidYouMean.suggest(m, METHODS).map(x -> " (did you mean '" + x + "'?)").orElse(""));
            }
            String source = m.substring(0, m.indexOf('-'));
            if (roots.get(source) == null) {
                throw s.invalid(key, "method \"" + m + "\" needs '" + source + "_root', which is null");
            }
        }
        return methods;
    }

    @Override
    public Map<String, Object> toPlain() {
        Map<String, Object> out = common.toPlain();
        out.remove("use_lmdb"); // UniAttack always reads LMDB stores
        sourceRoots.forEach((src, r) -> out.put(src + "_root", r));
        out.put("train_real_fpv", trainRealFpv);
        out.put("train_fake_fpv", trainFakeFpv);
        out.put("val_real_fpv", valRealFpv);
        out.put("val_fake_fpv", valFakeFpv);
        out.put("test_real_fpv", testRealFpv);
        out.put("test_fake_fpv", testFakeFpv);
        out.put("distorted", distorted);
        out.put("train_real_method", trainRealMethods);
        out.put("train_fake_method", trainFakeMethods);
        out.put("val_real_method", valRealMethods);
        out.put("val_fake_method", valFakeMethods);
        out.put("test_method", testMethods);
        common.putTransforms(out);
        return out;
    }
}
