package org.unidefense.data.syntheticset;

import org.unidefense.data.synth.SampleKind;

import java.util.List;

/**
 * Which synthetic sample kind stands in for each UniAttack method. The renderer has two digital
 * forgeries (face swap, reenactment) and six physical attacks, so several methods share a kind;
 * what differs between them is the identities and frames they are drawn from.
 */
final class SyntheticMethod {
    private SyntheticMethod() {
    }

    /** The kinds a method's videos cycle through (video {@code v} uses entry {@code v % size}). */
    static List<SampleKind> kindsOf(String method) {
        return switch (method) {
            case "FFpp-Real", "CDF-Real", "SeqDF-Real", "HQ-Real", "OULU-Real", "SiWMv2-Real" ->
                    List.of(SampleKind.BONA_FIDE);
            case "FFpp-DF", "FFpp-FS", "CDF-Fake" -> List.of(SampleKind.FACE_SWAP);
            case "FFpp-F2F", "FFpp-NT", "SeqDF-Fake" -> List.of(SampleKind.REENACTMENT);
            case "HQ-Flexiblemask", "HQ-Mannequin", "HQ-Rigidmask" -> List.of(SampleKind.RIGID_MASK);
            case "HQ-Glasses" -> List.of(SampleKind.GLASSES);
            case "HQ-Makeup" -> List.of(SampleKind.MAKEUP);
            case "HQ-Papermask" -> List.of(SampleKind.PRINT);
            case "HQ-Replay" -> List.of(SampleKind.REPLAY);
            case "HQ-Tattoo" -> List.of(SampleKind.TATTOO);
            case "OULU-Fake" -> List.of(SampleKind.PRINT, SampleKind.REPLAY);
            case "SiWMv2-Fake" -> List.of(SampleKind.MAKEUP, SampleKind.RIGID_MASK, SampleKind.PRINT,
                    SampleKind.REPLAY, SampleKind.TATTOO, SampleKind.GLASSES);
            default -> throw new IllegalArgumentException("not a UniAttack method: " + method);
        };
    }
}
