package org.unidefense.engine;

import java.nio.file.Path;

/** A separate process for {@link RunDirectoryClaimTest}: locks the run directory given, says so, and waits to be killed. */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunLock lock = RunLock.acquire(Path.of(args[0]), "train");
        System.out.println("locked " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(120_000);
        lock.close();
    }
}
