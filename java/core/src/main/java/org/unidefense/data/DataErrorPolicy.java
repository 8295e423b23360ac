package org.unidefense.data;

import org.unidefense.config.OnError;
import org.unidefense.UserInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Applies {@link OnError} to item reads: under {@code fail} a bad item's error propagates; under
 * {@code skip} it is counted, its first messages are kept for the run log, and the caller gets null.
 * Safe to share between loader threads.
 */
public final class DataErrorPolicy {
    private static final int KEPT_MESSAGES = 20;

    private final OnError mode;
    private final AtomicLong skipped = new AtomicLong();
    private final List<String> messages = Collections.synchronizedList(new ArrayList<>());

    public DataErrorPolicy(OnError mode) {
        this.mode = mode;
    }

    /** The policy a run's {@code data.on_error} asks for. */
    public static DataErrorPolicy of(org.unidefense.config.DataConfig data) {
        return new DataErrorPolicy(data.onError());
    }

    public static DataErrorPolicy failing() {
        return new DataErrorPolicy(OnError.FAIL);
    }

    public OnError mode() {
        return mode;
    }

    /**
     * Runs {@code read} for {@code sample}; a {@link UserInputException} (missing key or file,
     * undecodable image) is rethrown under {@code fail} and turns into null under {@code skip}.
     */
    public <T> T apply(Sample sample, Supplier<T> read) {
        try {
            return read.get();
        } catch (UserInputException e) {
            if (mode == OnError.FAIL) {
                throw e;
            }
            skipped.incrementAndGet();
            if (messages.size() < KEPT_MESSAGES) {
                messages.add(sample.path() + ": " + e.getMessage());
            }
            return null;
        }
    }

    /** Items left out so far. */
    public long skipped() {
        return skipped.get();
    }

    /** The first messages of skipped items. */
    public List<String> skippedMessages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
