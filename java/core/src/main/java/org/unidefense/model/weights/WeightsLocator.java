package org.unidefense.model.weights;

import org.unidefense.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the file {@code model.extractor_weights} names. The reference opens the path as given,
 * relative to the working directory; the config templates say {@code ckpt/<file>}, which only
 * works when started from the project root. So after the path as given this also tries the
 * directories above the config file (where the project root usually is), and {@code ckpt/}
 * holding the bare file name in each of them.
 */
public final class WeightsLocator {
    /** The project folder that holds ImageNet weight files (see its README). */
    public static final String CKPT_DIR = "ckpt";

    private WeightsLocator() {
    }

    /** Where {@code configured} may be, most likely first; {@code configFile} may be null. */
    public static List<Path> candidates(String configured, Path configFile) {
        Path p = Path.of(configured);
        if (p.isAbsolute()) {
            return List.of(p.normalize());
        }
        Set<Path> out = new LinkedHashSet<>();
        out.add(p.toAbsolutePath().normalize());
        List<Path> roots = new ArrayList<>();
        roots.add(Path.of("").toAbsolutePath());
        if (configFile != null) {
            for (Path dir = configFile.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
                roots.add(dir);
            }
        }
        for (Path root : roots) {
            out.add(root.resolve(p).normalize());
        }
        for (Path root : roots) {
            out.add(root.resolve(CKPT_DIR).resolve(p.getFileName()).normalize());
        }
        return new ArrayList<>(out);
    }

    /**
     * @param extractor the backbone, to name the official file in the error
     * @throws UserInputException naming the config key, the paths tried and where the file belongs
     */
    public static Path locate(String configured, Path configFile, String extractor) {
        List<Path> tried = candidates(configured, configFile);
        for (Path c : tried) {
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        throw new UserInputException(missingMessage(configured, tried, extractor));
    }

    private static String missingMessage(String configured, List<Path> tried, String extractor) {
        StringBuilder m = new StringBuilder("model.extractor_weights: ImageNet weights file '" + configured
                + "' not found; tried:");
        for (Path t : tried) {
            m.append("\n  ").append(t);
        }
        String official = extractor == null ? null : OfficialWeights.fileName(extractor);
        m.append("\nPut the backbone's ImageNet weights in the project's ").append(CKPT_DIR)
                .append("/ folder (see ").append(CKPT_DIR).append("/README.md; nothing is downloaded)");
        if (official != null) {
            m.append(": for ").append(extractor).append(" that is the official file ").append(official)
                    .append(", e.g. model.extractor_weights: ").append(CKPT_DIR).append('/').append(official);
        }
        m.append(", or remove model.extractor_weights to start from random weights.");
        return m.toString();
    }
}
