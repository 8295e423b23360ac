package org.unidefense.model.weights;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unidefense.UserInputException;
import org.unidefense.checkpoint.LibtorchTensors;
import org.unidefense.checkpoint.StateDict;
import org.unidefense.checkpoint.StoredTensor;
import org.unidefense.checkpoint.TorchSaveFile;
import org.unidefense.config.ModelConfig;
import org.unidefense.model.UDEB4;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.model.UniDefenseResNet;
import org.unidefense.model.UniDefenseNet;
import org.unidefense.config.ModelArch;
import org.unidefense.model.recce.Recce;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Initialises a freshly built model's backbone from ImageNet weights when the config's
 * {@code model.extractor_weights} names a file, with the reference's rules:
 * <ul>
 *   <li>ResNets (UDR18, UDR50): the file fills a whole torchvision/timm ResNet, of which the
 *       extractor keeps the stem and layers 1-3, so {@code layer4.*} and {@code fc.*} are dropped;
 *       only SFConv tensors may be missing ({@code extractor.} prefix in the model).</li>
 *   <li>EfficientNet (UDEB4): the classification top {@code _fc.weight} and {@code _fc.bias} must be in
 *       the file and are dropped (the reference pops both and fails without them); only SFConv
 *       tensors may be missing ({@code backbone.} prefix in the model).</li>
 * </ul>
 * Both the zip and the legacy {@code torch.save} format are read.
 */
public final class ImageNetInit {
    private static final Logger LOG = LoggerFactory.getLogger(ImageNetInit.class);
    private static final List<String> EFFICIENTNET_TOP = List.of("_fc.weight", "_fc.bias");

    private ImageNetInit() {
    }

    /** As {@link #apply(UniDefenseModel, ModelConfig, Path)} without a config file to search from. */
    public static Optional<ImageNetInitReport> apply(UniDefenseModel model, ModelConfig config) {
        return apply(model, config, null);
    }

    /**
     * @param configFile the model config file, whose ancestors are searched for a relative path
     *                   (see {@link WeightsLocator}); may be null
     * @return what was loaded, or empty when {@code model.extractor_weights} is not set
     * @throws UserInputException for a missing or unreadable file, or one that does not fit the backbone
     */
    public static Optional<ImageNetInitReport> apply(UniDefenseModel model, ModelConfig config, Path configFile) {
        String extractor = config.extractor() != null ? config.extractor() : defaultExtractor(model);
        if (config.extractorWeights() == null) {
            if (model instanceof UDEB4) {
                // The reference downloads the AdvProp weights in this case; this port never downloads.
                LOG.warn("{}: model.extractor_weights is not set, so the backbone starts from random weights "
                        + "(the reference would download {} here)", model.architecture(),
                        OfficialWeights.fileName(extractor));
            }
            return Optional.empty();
        }
        Path file = WeightsLocator.locate(config.extractorWeights(), configFile, extractor);
        WeightsHash.verifyOfficial(file);
        StateDict weights = TorchSaveFile.read(file).stateDict();
        ImageNetInitReport report = load(model, weights, file);
        LOG.info("{}: {}", model.architecture(), report.summary());
        return Optional.of(report);
    }

    /** Loads already-read ImageNet weights into the model's backbone; {@code file} names them in messages. */
    public static ImageNetInitReport load(UniDefenseModel model, StateDict weights, Path file) {
        String what = "ImageNet weights " + file;
        Predicate<String> dropped;
        if (model instanceof UniDefenseResNet) {
            dropped = k -> k.startsWith("layer4.") || k.startsWith("fc.");
        } else if (model instanceof UDEB4) {
            List<String> absent = EFFICIENTNET_TOP.stream().filter(k -> !weights.contains(k)).toList();
            if (!absent.isEmpty()) {
                throw new UserInputException(what + ": has no " + String.join(" and ", absent)
                        + "; an ImageNet EfficientNet file includes its classification top (the reference removes "
                        + "_fc.weight and _fc.bias before loading and fails when they are absent)");
            }
            dropped = EFFICIENTNET_TOP::contains;
        } else if (model instanceof Recce) {
            dropped = k -> false; // RECCE keeps timm's ImageNet head as encoder.fc (unused), so every key loads
        } else {
            throw new UserInputException("model " + model.architecture() + " has no ImageNet backbone initialisation");
        }
        List<String> droppedKeys = weights.keys().stream().filter(dropped).toList();
        List<String> keptInitial;
        try (PointerScope scope = new PointerScope()) {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, StoredTensor> e : weights.tensors().entrySet()) {
                if (!dropped.test(e.getKey())) {
                    tensors.put(e.getKey(), LibtorchTensors.toTensor(e.getValue()));
                }
            }
            if (model instanceof Recce recce) {
                keptInitial = recce.loadEncoderWeights(tensors, what);
            } else {
                keptInitial = ((UniDefenseNet) model).loadExtractorWeights(tensors, what);
            }
        }
        return new ImageNetInitReport(file, weights.size() - droppedKeys.size(), droppedKeys, keptInitial);
    }

    private static String defaultExtractor(UniDefenseModel model) {
        return ModelArch.lookup(model.architecture()).map(ModelArch::defaultExtractor).orElse(null);
    }
}
