package org.unidefense.sample;

import org.unidefense.UserInputException;
import org.unidefense.inference.Detector;
import org.unidefense.inference.FaceScore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores pictures that are already face crops with a trained model, using only the core library:
 * <pre>
 * java -cp "unidefense-core.jar:lib/*" org.unidefense.sample.ScoreFaceCrops RUN_OR_CHECKPOINT [MODEL_YML] -- IMAGE...
 * </pre>
 * For whole photos, leave out {@code wholeImage()}: the Detector then finds faces itself (OpenCV's
 * Haar cascade) and scores each.
 */
public final class ScoreFaceCrops {
    private ScoreFaceCrops() {
    }

    /** One line per image: the file, P(real) and the decision under the checkpoint's threshold. */
    public static List<String> score(Path checkpointOrRun, Path modelYaml, List<Path> crops) {
        Detector.Builder builder = Detector.builder().checkpoint(checkpointOrRun).wholeImage();
        if (modelYaml != null) {
            builder.config(modelYaml); // needed for the reference's best_model.bin; run folders carry theirs
        }
        List<String> lines = new ArrayList<>();
        try (Detector detector = builder.build()) {
            for (Path crop : crops) {
                FaceScore face = detector.detect(crop).get(0); // a whole picture is one face
                lines.add(String.format("%s P(real)=%.6f %s", crop, face.pReal(), face.decision()));
            }
        }
        return lines;
    }

    public static void main(String[] args) {
        int dashes = List.of(args).indexOf("--");
        if (args.length < 3 || dashes < 1 || dashes > 2 || dashes == args.length - 1) {
            System.err.println("usage: ScoreFaceCrops RUN_OR_CHECKPOINT [MODEL_YML] -- IMAGE...");
            System.exit(2);
        }
        Path model = dashes == 2 ? Path.of(args[1]) : null;
        List<Path> images = new ArrayList<>();
        for (int i = dashes + 1; i < args.length; i++) {
            images.add(Path.of(args[i]));
        }
        try {
            score(Path.of(args[0]), model, images).forEach(System.out::println);
        } catch (UserInputException e) {
            System.err.println(e.getMessage()); // says which file and what was expected
            System.exit(3);
        }
    }
}
