package org.unidefense.prepare;

import java.util.List;

/**
 * What preparing one video produced; written as JSON once its crops are in place, it marks the
 * video done for a resumed run and keeps the boxes (so crops can be checked or redone).
 *
 * @param framesRead frames decoded and searched for faces
 * @param noFace     indices of the frames where no face was found
 */
public record VideoRecord(String name, String outDir, String split, String method, int label, int framesRead,
                          List<CroppedFace> crops, List<Integer> noFace) implements VideoOutcome {
}
