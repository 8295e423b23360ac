package org.unidefense.config;

import org.unidefense.UserInputException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * RECCE's configuration files (VISION-SJTU/RECCE {@code config/Recce.yml} and
 * {@code config/dataset/*.yml}) read as they are, rewritten into this project's schema before the
 * usual readers ({@link TrainConfig}, {@link DataConfig}, {@link ForgeryDatasetConfig}) check them.
 * The rewritten trees keep every value's file, line and key path, so an error in a RECCE file
 * names that file and RECCE's key (e.g. {@code test_cfg.compression}).
 *
 * <p>A model file is RECCE's when its {@code data:} block names dataset branches
 * ({@code train_branch}, {@code val_branch}, {@code test_branch}). Its dataset file then holds one
 * mapping per branch ({@code train_cfg}, {@code test_cfg}) with {@code root}, {@code split},
 * {@code transforms} and the dataset's own keys, and becomes an engine-FE dataset file:
 * <ul>
 *   <li>{@code data.name} FaceForensics / CelebDF / WildDeepfake / DFDC → {@code FFpp} / {@code CDF} /
 *       {@code WDF} / {@code DFDC}; FF++ {@code method: all} → the four manipulations, a single
 *       method → that one; real sources: Origin, YouTube-real + Celeb-real, real;</li>
 *   <li>each used branch's {@code transforms} → {@code <its split>_transforms}; the validation
 *       branch's split → {@code val_split} (RECCE's Recce.yml validates FF++ on {@code test});</li>
 *   <li>{@code num_steps}, {@code log_steps}, {@code val_steps} from the training branch; images are
 *       files ({@code use_lmdb: false}).</li>
 * </ul>
 * In the {@code config:} block, {@code loss} is checked against {@code num_classes} and
 * {@code metric}, {@code ckpt}, {@code ckpt_fold} are set aside with a warning saying what is done
 * instead; {@code crop} is {@code nocrop} (RECCE reads its face crops whole). In {@code data:},
 * {@code train_batch_size} (RECCE: images per step from one mixed loader) becomes half per class,
 * as the FE engine draws real and fake images separately. The choices are in docs/recce.md.
 */
final class RecceSchema {
    /** RECCE's loader names ({@code dataset/__init__.py}) and this project's. */
    static final Map<String, String> DATASETS = Map.of(
            "FaceForensics", "FFpp", "CelebDF", "CDF", "WildDeepfake", "WDF", "DFDC", "DFDC");
    static final List<String> DATASET_NAMES = List.of("FaceForensics", "CelebDF", "WildDeepfake", "DFDC");
    static final List<String> BRANCH_KEYS = List.of("train_branch", "val_branch", "test_branch");
    static final List<String> FF_METHODS = List.of("all", "Deepfakes", "Face2Face", "FaceSwap", "NeuralTextures");
    static final List<String> LOSSES = List.of("binary_ce", "cross_entropy");
    static final List<String> METRICS = List.of("Acc", "AUC", "LogLoss");

    private RecceSchema() {
    }

    /** Whether the model file's {@code data:} block is RECCE's (it names dataset branches). */
    static boolean applies(Section data) {
        return BRANCH_KEYS.stream().anyMatch(data.mapping().entries()::containsKey);
    }

    // ---- config: ----------------------------------------------------------------------------

    /** RECCE's {@code config:} block in this project's schema (see the class comment). */
    static YamlNode.Mapping configBlock(Section config, ModelConfig model) {
        String loss = config.choice("loss", null, LOSSES);
        if (loss != null && loss.equals("binary_ce") != (model.numClasses() == 1)) {
            throw config.invalid("loss", "\"" + loss + "\" does not fit model.num_classes " + model.numClasses()
                    + "; expected binary_ce with num_classes 1 (RECCE's setting) or cross_entropy with 2");
        }
        String metric = config.choice("metric", null, METRICS);
        ConfigWarnings w = config.warnings();
        if (metric != null) {
            w.add(where(config, "metric") + ": config.metric " + metric + ": RECCE keeps the best model by it; "
                    + "the FE engine here keeps it by validation AUC + ACC");
        }
        for (String key : List.of("ckpt", "ckpt_fold")) {
            if (config.has(key)) {
                w.add(where(config, key) + ": config." + key + " is not used: 'test' evaluates the best models of "
                        + "runs/<model>/<id> written by 'train' (--runs DIR); a RECCE checkpoint goes to "
                        + "'predict --checkpoint FILE'");
            }
        }
        Map<String, YamlNode> out = without(config.mapping(), "loss", "metric", "ckpt", "ckpt_fold");
        if (!out.containsKey("crop")) {
            out.put("crop", synthetic(config.mapping(), "crop", "nocrop"));
        }
        return new YamlNode.Mapping(config.mapping().file(), config.mapping().line(), config.mapping().path(), out);
    }

    // ---- data: ------------------------------------------------------------------------------

    /** RECCE's {@code data:} block without its branch keys, {@code train_batch_size} per class. */
    static YamlNode.Mapping dataBlock(Section data) {
        Map<String, YamlNode> out = without(data.mapping(), "name", "train_branch", "val_branch", "test_branch");
        YamlNode batch = out.get("train_batch_size");
        if (batch instanceof YamlNode.Scalar s && s.value() instanceof Long n && n > 0) {
            long perClass = (n + 1) / 2;
            out.put("train_batch_size", new YamlNode.Scalar(s.file(), s.line(), s.path(), perClass));
            data.warnings().add(s.where() + ": data.train_batch_size " + n + " (RECCE: images per step) is read as "
                    + perClass + " real + " + perClass + " fake: the FE engine draws both classes in every step");
        }
        return new YamlNode.Mapping(data.mapping().file(), data.mapping().line(), data.mapping().path(), out);
    }

    // ---- dataset file -------------------------------------------------------------------------

    /** One branch of a RECCE dataset file, read and checked. */
    private record Branch(String role, Section section, YamlNode root, YamlNode.Scalar split, YamlNode method,
                          YamlNode compression, YamlNode transforms) {
        String splitName() {
            return (String) split.value();
        }
    }

    /**
     * The dataset file {@code file} (RECCE's branches) as an engine-FE dataset file, reading the
     * branches the stage uses: {@code train_branch} and {@code val_branch} for training,
     * {@code test_branch} for testing.
     */
    static YamlNode.Mapping datasetFile(YamlNode.Mapping file, Section data, boolean testStage) {
        String recceName = data.requiredChoice("name", DATASET_NAMES);
        String name = DATASETS.get(recceName);
        List<String> roles = testStage ? List.of("test") : List.of("train", "val");
        List<Branch> branches = new ArrayList<>();
        for (String role : roles) {
            branches.add(branch(file, data, role, name));
        }
        Branch first = branches.get(0);
        for (Branch b : branches.subList(1, branches.size())) {
            same(first.root(), b.root(), "the dataset root");
            same(first.method(), b.method(), "the FF++ method");
            same(first.compression(), b.compression(), "the FF++ compression");
        }

        Map<String, YamlNode> out = new LinkedHashMap<>();
        YamlNode nameNode = data.node("name");
        out.put("name", new YamlNode.Scalar(nameNode.file(), nameNode.line(), nameNode.path(), name));
        out.put("root", first.root());
        out.put("use_lmdb", synthetic(first.section().mapping(), "use_lmdb", false));
        out.put("real_method", methods(first, realMethods(name)));
        out.put("fake_method", methods(first, fakeMethods(name, first)));
        if (first.compression() != null) {
            out.put("compression", first.compression());
        }
        Map<String, Branch> bySplit = new LinkedHashMap<>();
        for (Branch b : branches) {
            Branch other = bySplit.putIfAbsent(b.splitName(), b);
            if (other != null && !Objects.equals(YamlNode.toPlain(other.transforms()), YamlNode.toPlain(b.transforms()))) {
                throw new UserInputException(b.transforms().where() + ": key '" + b.transforms().path()
                        + "': differs from '" + other.transforms().path() + "' (" + other.transforms().where()
                        + "), but both branches read split '" + b.splitName()
                        + "'; expected one transform list per split");
            }
            out.put(b.splitName() + "_transforms", b.transforms());
        }
        for (Branch b : branches) {
            if (b.role().equals("train")) {
                for (String key : List.of("num_steps", "log_steps", "val_steps")) {
                    b.section().requiredPositive(key);
                    out.put(key, b.section().node(key));
                }
            }
            if (b.role().equals("val")) {
                out.put("val_split", b.split());
            }
            b.section().finish();
        }
        return new YamlNode.Mapping(file.file(), file.line(), file.path(), out);
    }

    private static Branch branch(YamlNode.Mapping file, Section data, String role, String name) {
        String key = role + "_branch";
        String branchName = data.requiredString(key);
        YamlNode node = file.entries().get(branchName);
        if (!(node instanceof YamlNode.Mapping m)) {
            if (node != null) {
                throw Section.expected(node, "a dataset branch (a mapping with root, split, transforms, ...)");
            }
            throw data.invalid(key, "dataset branch '" + branchName + "' is not in " + file.file() + "; expected one of "
                    + file.entries().keySet());
        }
        Section b = new Section(m, data.warnings());
        YamlNode root = requiredNode(b, "root", "a text value");
        b.requiredString("root");
        List<String> splits = switch (role) {
            case "train" -> List.of("train");
            case "val" -> ForgeryDatasetConfig.validationSplits(name);
            default -> List.of("test");
        };
        b.requiredChoice("split", splits);
        YamlNode.Scalar split = (YamlNode.Scalar) b.node("split");
        YamlNode method = null;
        YamlNode compression = null;
        switch (name) {
            case "FFpp" -> {
                b.requiredChoice("method", FF_METHODS);
                method = b.node("method");
                b.requiredChoice("compression", ForgeryDatasetConfig.COMPRESSIONS);
                compression = b.node("compression");
            }
            case "CDF" -> {
                // The FE engine balances real and fake in every training batch, which is what RECCE's
                // balance does for training; validation and testing read every frame.
                boolean balance = b.requiredBool("balance");
                if (balance && !role.equals("train")) {
                    b.warnings().add(where(b, "balance") + ": " + b.pathOf("balance") + " True is not reproduced "
                            + "outside training: validation and testing read every Celeb-DF frame");
                }
            }
            case "WDF" -> {
                for (String k : List.of("num_image_train", "num_image_test")) {
                    if (b.optionalPositive(k) != null) {
                        throw b.invalid(k, "subsampling WildDeepfake to a number of images is not supported; "
                                + "expected it empty (every image)");
                    }
                }
            }
            default -> {
            }
        }
        YamlNode transforms = b.optionalSequence("transforms", "a list of transforms ({name, params} entries)");
        if (transforms == null) {
            throw b.missing("transforms", "a list of transforms ({name, params} entries)");
        }
        return new Branch(role, b, root, split, method, compression, transforms);
    }

    private static YamlNode requiredNode(Section s, String key, String expected) {
        YamlNode n = s.mapping().entries().get(key);
        if (n == null) {
            throw s.missing(key, expected);
        }
        return n;
    }

    /** Two branches must agree on what this project reads once per dataset file. */
    private static void same(YamlNode a, YamlNode b, String what) {
        Object va = a == null ? null : YamlNode.toPlain(a);
        Object vb = b == null ? null : YamlNode.toPlain(b);
        if (!Objects.equals(va, vb)) {
            throw new UserInputException(b.where() + ": key '" + b.path() + "': expected " + what + " of '"
                    + a.path() + "' (" + a.where() + ": " + va + "), found " + vb
                    + "; the branches of one run must share it");
        }
    }

    private static List<String> realMethods(String name) {
        return switch (name) {
            case "FFpp" -> List.of("Origin");
            case "CDF" -> List.of("YouTube-real", "Celeb-real");
            default -> List.of("real");
        };
    }

    private static List<String> fakeMethods(String name, Branch b) {
        return switch (name) {
            case "FFpp" -> {
                String m = (String) ((YamlNode.Scalar) b.method()).value();
                yield m.equals("all") ? FF_METHODS.subList(1, FF_METHODS.size()) : List.of(m);
            }
            case "CDF" -> List.of("Celeb-synthesis");
            default -> List.of("fake");
        };
    }

    /** A list node standing for methods derived from {@code b}'s {@code method} (or its split). */
    private static YamlNode.Sequence methods(Branch b, List<String> methods) {
        YamlNode at = b.method() != null ? b.method() : b.split();
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < methods.size(); i++) {
            items.add(new YamlNode.Scalar(at.file(), at.line(), at.path() + "[" + i + "]", methods.get(i)));
        }
        return new YamlNode.Sequence(at.file(), at.line(), at.path(), items);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Map<String, YamlNode> without(YamlNode.Mapping m, String... keys) {
        Map<String, YamlNode> out = new LinkedHashMap<>(m.entries());
        for (String k : keys) {
            out.remove(k);
        }
        return out;
    }

    /** A value this schema supplies, placed at its block for messages. */
    private static YamlNode.Scalar synthetic(YamlNode.Mapping at, String key, Object value) {
        return new YamlNode.Scalar(at.file(), at.line(), at.path().isEmpty() ? key : at.path() + "." + key, value);
    }

    private static String where(Section s, String key) {
        YamlNode n = s.mapping().entries().get(key);
        return n != null ? n.where() : s.mapping().where();
    }
}
