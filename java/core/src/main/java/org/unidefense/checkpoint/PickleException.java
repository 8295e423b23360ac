package org.unidefense.checkpoint;

/** A pickle stream that cannot be read: truncated, corrupt, or not what torch.save writes. */
final class PickleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PickleException(String message) {
        super(message);
    }

    PickleException(String message, Throwable cause) {
        super(message, cause);
    }
}
