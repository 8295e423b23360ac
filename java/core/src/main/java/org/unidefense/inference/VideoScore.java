package org.unidefense.inference;

import java.nio.file.Path;
import java.util.List;

/**
 * The verdict on a video: every sampled frame's faces, and the mean P(real) over the frames where
 * a face was found (one score per frame: its largest face, as the benchmarks hold one face per
 * frame), decided at the detector's threshold as a frame would be.
 *
 * @param video          the file
 * @param faces          all face scores, in frame order
 * @param framesSampled  frames decoded
 * @param framesScored   frames with at least one face, the ones the mean is over
 * @param meanPReal      mean P(real) of the frames' largest faces
 * @param decision       {@link Decision#of}{@code (meanPReal, threshold)}
 */
public record VideoScore(Path video, List<FaceScore> faces, int framesSampled, int framesScored, double meanPReal,
                         Decision decision) {

    public VideoScore {
        faces = List.copyOf(faces);
    }

    public double meanPAttack() {
        return 1 - meanPReal;
    }
}
