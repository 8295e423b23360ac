package org.unidefense.distributed;

/**
 * A collective or the rendezvous failed: a peer died, hung past the timeout, or never joined.
 * The message names this process's rank, the operation and, where c10d could tell, the peer.
 */
public final class DistributedException extends RuntimeException {
    public DistributedException(String message, Throwable cause) {
        super(message, cause);
    }

    public DistributedException(String message) {
        super(message);
    }
}
