package org.unidefense.data.synth;

/**
 * What a synthetic sample shows: a bona-fide face, a digital forgery (manipulated after capture,
 * then re-encoded) or a physical presentation attack (in front of the camera, then captured).
 * Loosely after the UniAttack families: FF++/CDF forgeries, OULU print/replay, HQ-WMCA masks,
 * makeup, tattoo and glasses.
 */
public enum SampleKind {
    BONA_FIDE(Family.BONA_FIDE),
    FACE_SWAP(Family.DIGITAL),
    REENACTMENT(Family.DIGITAL),
    PRINT(Family.PHYSICAL),
    REPLAY(Family.PHYSICAL),
    RIGID_MASK(Family.PHYSICAL),
    MAKEUP(Family.PHYSICAL),
    TATTOO(Family.PHYSICAL),
    GLASSES(Family.PHYSICAL);

    public enum Family { BONA_FIDE, DIGITAL, PHYSICAL }

    private final Family family;

    SampleKind(Family family) {
        this.family = family;
    }

    public Family family() {
        return family;
    }

    public boolean isAttack() {
        return family != Family.BONA_FIDE;
    }
}
