package org.unidefense.checkpoint;

/**
 * A pickle names a Python global outside the allow-list. Loading it in Python could run
 * arbitrary code, so the reader stops here and names the global.
 */
final class ForbiddenGlobalException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String global;

    ForbiddenGlobalException(String global) {
        super("refuses the Python global '" + global + "'");
        this.global = global;
    }

    String global() {
        return global;
    }
}
