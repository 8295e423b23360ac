package org.unidefense.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OCIM face anti-spoofing dataset file (engine OCIM): leave-one-out over OULU-NPU (O),
 * CASIA-FASD (C), Idiap Replay-Attack (I) and MSU-MFSD (M).
 *
 * <p>The reference trains one real and one fake loader per training domain, and both validates
 * and tests on the <em>first</em> test domain, with the test transforms; the {@code dev_*} keys
 * are carried but not used.
 *
 * @param common       shared keys
 * @param domainRoots  {@code O_root}, {@code C_root}, {@code I_root}, {@code M_root}: directory of each domain,
 *                     relative to {@code root} (and the LMDB store name under {@code <root>/lmdb})
 * @param trainDomains {@code train_dataset}: source domains, e.g. {@code [O, I, M]}
 * @param devDomains   {@code dev_dataset}: (unused by the reference engine); empty when absent
 * @param testDomains  {@code test_dataset}: target domain(s); the first one is used
 * @param trainFpv     {@code train_fpv}: frames per video in training; null = all
 * @param devFpv       {@code dev_fpv}: (unused by the reference engine); null = all
 * @param testFpv      {@code test_fpv}: frames per video for validation and testing; null = all
 */
public record OcimDatasetConfig(
        DatasetCommon common,
        Map<String, String> domainRoots,
        List<String> trainDomains,
        List<String> devDomains,
        List<String> testDomains,
        Integer trainFpv,
        Integer devFpv,
        Integer testFpv) implements DatasetConfig {

    /** The loader name the reference registers for this kind (OCIM files usually have no {@code name}). */
    static final String NAME = "OCIM";
    static final List<String> DOMAINS = List.of("O", "C", "I", "M");

    @Override
    public Engine engine() {
        return Engine.OCIM;
    }

    /** The domain used for validation and testing: the first of {@code test_dataset}. */
    public String targetDomain() {
        return testDomains.get(0);
    }

    static OcimDatasetConfig read(Section s, boolean testStage) {
        DatasetCommon common = DatasetCommon.read(s, testStage, testStage ? List.of("test") : List.of("train", "test"));
        if (common.name() != null && !common.name().equals(NAME)) {
            throw s.invalid("name", "an OCIM dataset file has no name or the name \"OCIM\", found \"" + common.name()
                    + "\"");
        }
        List<String> train = domains(s, "train_dataset", !testStage);
        List<String> dev = domains(s, "dev_dataset", false);
        List<String> test = domains(s, "test_dataset", true);
        if (test.size() > 1) {
            YamlNode n = s.node("test_dataset");
            s.warnings().add(n.where() + ": only the first domain of 'test_dataset' (" + test.get(0)
                    + ") is used for validation and testing; " + test.subList(1, test.size()) + " are ignored");
        }
        Map<String, String> roots = new LinkedHashMap<>();
        for (String d : DOMAINS) {
            String key = d + "_root";
            boolean used = (!testStage && train.contains(d)) || test.get(0).equals(d);
            String value = used ? s.requiredString(key) : s.string(key, null);
            if (value != null) {
                roots.put(d, value);
            }
        }
        Integer trainFpv = s.optionalPositive("train_fpv");
        Integer devFpv = s.optionalPositive("dev_fpv");
        Integer testFpv = s.optionalPositive("test_fpv");
        s.finish();
        return new OcimDatasetConfig(common, Collections.unmodifiableMap(roots), train, dev, test, trainFpv, devFpv,
                testFpv);
    }

    private static List<String> domains(Section s, String key, boolean required) {
        List<String> list = required ? s.requiredStringList(key) : s.optionalStringList(key);
        if (list == null) {
            return List.of();
        }
        if (required && list.isEmpty()) {
            throw s.invalid(key, "expected at least one domain of " + DOMAINS);
        }
        for (String d : list) {
            if (!DOMAINS.contains(d)) {
                throw s.invalid(key, "\"" + d + "\" is not an OCIM domain; expected some of " + DOMAINS);
            }
        }
        return list;
    }

    @Override
    public Map<String, Object> toPlain() {
        Map<String, Object> out = common.toPlain();
        domainRoots.forEach((d, r) -> out.put(d + "_root", r));
        out.put("train_dataset", trainDomains);
        out.put("dev_dataset", devDomains);
        out.put("test_dataset", testDomains);
        out.put("train_fpv", trainFpv);
        out.put("dev_fpv", devFpv);
        out.put("test_fpv", testFpv);
        common.putTransforms(out);
        return out;
    }
}
