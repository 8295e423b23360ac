package org.unidefense.prepare;

import java.util.LinkedHashMap;
import java.util.Map;

import org.unidefense.UserInputException;

/**
 * How faces are cut out of a video: how many evenly spaced frames (0 = every frame), the
 * reference's face margin (the box grows by {@code int(w * margin / 2)} on each side, as its
 * {@code _add_face_margin}), one face per frame (the largest) or all of them, and the detector.
 */
public record CropSettings(int frames, double margin, boolean allFaces, String detector) {
    public CropSettings {
        if (frames < 0) {
            throw new UserInputException("--frames must be a positive count or 'all', got " + frames);
        }
        if (!(margin >= 0 && margin <= 4)) {
            throw new UserInputException("--margin must be between 0 and 4 (a fraction of the face box), got " + margin);
        }
    }

    /** What goes into the manifest and the state file that guards a resumed run. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", frames == 0 ? "all" : frames);
        m.put("margin", margin);
        m.put("allFaces", allFaces);
        m.put("detector", detector);
        return m;
    }
}
