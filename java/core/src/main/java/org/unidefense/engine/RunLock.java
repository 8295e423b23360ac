package org.unidefense.engine;

import org.unidefense.UserInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive ownership of a run directory for as long as a process trains or tests in it: an OS
 * file lock on {@code <run>/run.lock}, which holds the owner's pid so that a refused process can
 * name it. The OS drops the lock when its process dies (even by {@code kill -9}), so a stale file
 * never blocks a later run; only a live owner does.
 */
public final class RunLock implements AutoCloseable {
    static final String FILE = "run.lock";
    /**
     * Run directories locked by this JVM. Checked before the file is opened at all: on Linux, closing
     * any descriptor of a file drops the process's locks on it, so a second channel must never be
     * opened (and closed) on a lock file this process holds.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code runDir} or refuses with the owner's pid.
     *
     * @param purpose what the caller wants to do, for the refusal ("train", "test", "resume")
     */
    public static RunLock acquire(Path runDir, String purpose) {
        Path file = runDir.resolve(FILE);
        Path key = runDir.toAbsolutePath().normalize();
        if (!HELD_HERE.add(key)) {
            throw refusal(runDir, purpose, String.valueOf(ProcessHandle.current().pid()));
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String owner = readOwner(ch);
                ch.close();
                HELD_HERE.remove(key);
                throw refusal(runDir, purpose, owner);
            }
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(pid), 0);
            ch.force(false);
            return new RunLock(key, ch, lock);
        } catch (IOException e) {
            closeQuietly(ch);
            HELD_HERE.remove(key);
            throw new UncheckedIOException("cannot lock run directory " + runDir + " (" + file + ")", e);
        }
    }

    private static UserInputException refusal(Path runDir, String purpose, String owner) {
        return new UserInputException("cannot " + purpose + " run " + runDir + ": it is in use by process " + owner
                + " (" + FILE + "); wait for that process to end, or stop it, and try again");
    }

    private static String readOwner(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            int n = ch.read(b, 0);
            String s = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
            return s.isEmpty() ? "(unknown pid)" : s;
        } catch (IOException e) {
            return "(unknown pid)";
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the lock goes with the channel; nothing else to undo
            }
        }
    }

    /** Whether a live process holds the lock of {@code runDir} (false when it has no lock file). */
    static boolean isHeld(Path runDir) {
        if (!Files.exists(runDir.resolve(FILE))) {
            return false;
        }
        try (RunLock ignored = acquire(runDir, "check")) {
            return false;
        } catch (UserInputException e) {
            return true;
        }
    }

    /** Releases the lock; the file stays (deleting it would race with a process about to lock it). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the run lock", e);
        } finally {
            closeQuietly(channel);
            HELD_HERE.remove(key);
        }
    }
}
