package org.unidefense.tensor;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.StringViewOptional;

/**
 * The {@code norm} argument of torch.fft: where the 1/n scaling goes. Python's {@code None} is
 * {@link #BACKWARD}. Each constant keeps its native string alive for the whole process, because a
 * {@code StringViewOptional} only points at it.
 */
public enum FftNorm {
    BACKWARD("backward"),
    ORTHO("ortho"),
    FORWARD("forward");

    private final String pythonName;
    private final BytePointer nativeName;
    private final StringViewOptional option;

    FftNorm(String pythonName) {
        this.pythonName = pythonName;
        // retained: if this enum is first used inside a PointerScope, closing the scope must
        // not free these process-wide constants
        this.nativeName = new BytePointer(pythonName).retainReference();
        this.option = new StringViewOptional(nativeName).retainReference();
    }

    public String pythonName() {
        return pythonName;
    }

    public StringViewOptional option() {
        return option;
    }

    /** Parses the reference's spelling; {@code null} and "none" mean backward, as in torch.fft. */
    public static FftNorm parse(String name) {
        if (name == null || name.equalsIgnoreCase("none")) {
            return BACKWARD;
        }
        for (FftNorm n : values()) {
            if (n.pythonName.equalsIgnoreCase(name)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown FFT norm '" + name + "' (expected backward, ortho or forward)");
    }
}
