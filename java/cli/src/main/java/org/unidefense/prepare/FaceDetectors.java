package org.unidefense.prepare;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.unidefense.UserInputException;
import org.unidefense.face.FaceDetector;
import org.unidefense.face.HaarCascadeDetector;
import org.unidefense.face.YuNetDetector;
import org.unidefense.face.YuNetModel;

/** The face detectors {@code prepare} offers, by the name {@code --detector} takes. */
public final class FaceDetectors {
    public static final String HAAR = "haar";
    public static final String YUNET = "yunet";

    private FaceDetectors() {
    }

    /** A factory of per-thread detectors; {@code model} is YuNet's file (null: ckpt/). */
    public static Supplier<? extends FaceDetector> named(String name, Path model) {
        if (name.equals(HAAR)) {
            return HaarCascadeDetector::new;
        }
        if (name.equals(YUNET)) {
            Path file = YuNetModel.locate(model); // checked once, before any worker starts
            return () -> new YuNetDetector(file);
        }
        throw new UserInputException("--detector: unknown face detector '" + name + "'; expected " + HAAR + " or " + YUNET);
    }

    public static Supplier<? extends FaceDetector> named(String name) {
        return named(name, null);
    }
}
