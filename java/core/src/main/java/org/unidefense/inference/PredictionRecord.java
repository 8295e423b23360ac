package org.unidefense.inference;

import org.unidefense.data.FaceBox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of {@code predict}'s output. {@code type} is {@code face} (one face of one frame),
 * {@code video} (a video's mean over its frames) or {@code error} (an item, or one of its frames,
 * that could not be scored). Fields that do not apply are null.
 *
 * @param type      face, video or error
 * @param path      the input file as given (or found in a folder or list)
 * @param frame     frame index (0 for images); null for video and item-level error records
 * @param box       x, y, width, height of the face in the decoded picture; null for the whole picture
 * @param pReal     P(real) (video: mean over frames)
 * @param pAttack   P(attack) (video: 1 - mean P(real))
 * @param decision  real or attack
 * @param threshold the decision threshold on P(real)
 * @param frames    video records: frames scored (with a face) and sampled
 * @param error     error records: what went wrong
 * @param checkpoint face and video records: the checkpoint file that scored them (for a run folder, the
 *                   one selected: best_val, best or latest); null when the detector was given a loaded model
 */
public record PredictionRecord(String type, String path, Integer frame, FaceBox box, Double pReal, Double pAttack,
                               String decision, Double threshold, int[] frames, String error, String checkpoint) {
    public static final String FACE = "face";
    public static final String VIDEO = "video";
    public static final String ERROR = "error";

    /** Column order of the CSV output. */
    public static final List<String> COLUMNS = List.of("type", "path", "frame", "x", "y", "w", "h", "p_real",
            "p_attack", "decision", "threshold", "frames_scored", "frames_sampled", "error", "checkpoint");

    public static PredictionRecord face(String path, FaceScore s, double threshold, String checkpoint) {
        return new PredictionRecord(FACE, path, s.frame(), s.box(), s.pReal(), s.pAttack(), s.decision().label(),
                threshold, null, null, checkpoint);
    }

    public static PredictionRecord video(String path, VideoScore v, double threshold, String checkpoint) {
        return new PredictionRecord(VIDEO, path, null, null, v.meanPReal(), v.meanPAttack(), v.decision().label(),
                threshold, new int[]{v.framesScored(), v.framesSampled()}, null, checkpoint);
    }

    public static PredictionRecord error(String path, Integer frame, String message) {
        return new PredictionRecord(ERROR, path, frame, null, null, null, null, null, null, message, null);
    }

    /** The JSON object of this record (one line of a .jsonl file). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put("path", path);
        if (!type.equals(VIDEO)) {
            m.put("frame", frame);
        }
        if (type.equals(ERROR)) {
            m.put("error", error);
            return m;
        }
        if (type.equals(FACE)) {
            m.put("box", box == null ? null : List.of(box.x(), box.y(), box.width(), box.height()));
        } else {
            m.put("frames_scored", frames[0]);
            m.put("frames_sampled", frames[1]);
        }
        m.put("p_real", pReal);
        m.put("p_attack", pAttack);
        m.put("decision", decision);
        m.put("threshold", threshold);
        m.put("checkpoint", checkpoint);
        return m;
    }

    /** The values of {@link #COLUMNS} (nulls for fields that do not apply). */
    public List<Object> toRow() {
        Object[] r = new Object[COLUMNS.size()];
        r[0] = type;
        r[1] = path;
        r[2] = frame;
        if (box != null) {
            r[3] = box.x();
            r[4] = box.y();
            r[5] = box.width();
            r[6] = box.height();
        }
        r[7] = pReal;
        r[8] = pAttack;
        r[9] = decision;
        r[10] = threshold;
        if (frames != null) {
            r[11] = frames[0];
            r[12] = frames[1];
        }
        r[13] = error;
        r[14] = checkpoint;
        return java.util.Arrays.asList(r);
    }
}
