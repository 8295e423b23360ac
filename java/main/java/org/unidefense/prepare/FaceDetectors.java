package org.unidefense.prepare;

import java.util.function.Supplier;

import org.unidefense.UserInputException;
import org.unidefense.face.FaceDetector;
import org.unidefense.face.HaarCascadeDetector;

/** The face detectors {@code prepare} offers, by the name {@code --detector} takes. */
public final class FaceDetectors {
    public static final String HAAR = "haar";

    private FaceDetectors() {
    }

    /** A factory of per-thread detectors. */
    public static Supplier<? extends FaceDetector> named(String name) {
        if (name.equals(HAAR)) {
            return HaarCascadeDetector::new;
        }
        throw new UserInputException("--detector: unknown face detector '" + name + "'; expected " + HAAR);
    }
}
