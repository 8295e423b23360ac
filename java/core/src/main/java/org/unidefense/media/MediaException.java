package org.unidefense.media;

/**
 * A media item (image or video) that cannot be read: missing, not a supported format, corrupt,
 * or empty. The message names the file and what was wrong; callers that process many items
 * record it for that item and go on.
 */
public class MediaException extends RuntimeException {
    public MediaException(String message) {
        super(message);
    }

    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
