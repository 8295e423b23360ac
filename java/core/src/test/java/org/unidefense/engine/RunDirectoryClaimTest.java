package org.unidefense.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.UserInputException;
import org.unidefense.checkpoint.TorchSaveWriter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Claiming and locking run directories: races, other processes, leftovers of interrupted runs. */
class RunDirectoryClaimTest {
    @TempDir
    Path root;

    @Test
    void ofEightThreadsStartingOneIdExactlyOneGetsTheDirectory() throws Exception {
        int n = 8;
        CyclicBarrier start = new CyclicBarrier(n);
        List<RunDirectory.Claim> won = Collections.synchronizedList(new ArrayList<>());
        List<String> refused = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    won.add(RunDirectory.claimForTraining(root, "UDR18", "race", false, note -> { }));
                } catch (UserInputException e) {
                    refused.add(e.getMessage());
                } catch (Exception e) {
                    refused.add("unexpected " + e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        try {
            assertEquals(1, won.size(), "refusals: " + refused);
            assertEquals(n - 1, refused.size());
            String pid = String.valueOf(ProcessHandle.current().pid());
            for (String m : refused) {
                assertTrue(m.contains("in use by process " + pid), m);
            }
        } finally {
            won.forEach(RunDirectory.Claim::close);
        }
        // released: a resume may now take it
        RunDirectory.claimForTraining(root, "UDR18", "race", true, note -> { }).close();
    }

    @Test
    void aLockHeldByAnotherProcessIsRefusedWithItsPidAndFreedWhenItIsKilled() throws Exception {
        Path dir = root.resolve("UDR18").resolve("other");
        Files.createDirectories(dir);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertEquals("locked " + p.pid(), line);
            UserInputException e = assertThrows(UserInputException.class,
                    () -> RunDirectory.claimForTraining(root, "UDR18", "other", true, note -> { }));
            assertTrue(e.getMessage().contains("in use by process " + p.pid()), e.getMessage());
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        } finally {
            p.destroyForcibly(); // SIGKILL: the OS drops the lock with the process
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        RunDirectory.claimForTraining(root, "UDR18", "other", true, note -> { }).close();
    }

    @Test
    void aTestOfARunThatIsTrainingIsRefused() {
        Path dir = root.resolve("UDR18").resolve("busy");
        try (RunDirectory.Claim c = RunDirectory.claimForTraining(root, "UDR18", "busy", false, note -> { })) {
            UserInputException e = assertThrows(UserInputException.class, () -> RunLock.acquire(dir, "test"));
            assertTrue(e.getMessage().startsWith("cannot test run " + dir + ": it is in use by process "
                    + ProcessHandle.current().pid()), e.getMessage());
        }
    }

    @Test
    void aDirectoryWithoutCheckpointIsTakenOverAndCleanedOfLeftovers() throws IOException {
        Path dir = root.resolve("UDR18").resolve("stuck");
        Files.createDirectories(dir);
        // what a run killed while writing its first checkpoint leaves
        Files.write(dir.resolve("best-15.state"), new byte[1000]);
        Files.write(dir.resolve("best.pt.4242.tmp"), new byte[2000]);
        Files.write(dir.resolve(".latest-15.state123.tmp"), new byte[3000]);
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"step\":1,\"time\":0.1,\"train/loss\":1.0}\n");
        List<String> notes = new ArrayList<>();
        try (RunDirectory.Claim c = RunDirectory.claimForTraining(root, "UDR18", "stuck", false, notes::add)) {
            try (var files = Files.list(dir)) {
                assertEquals(List.of("run.lock"), files.map(f -> f.getFileName().toString()).sorted().toList());
            }
        }
        assertTrue(notes.get(0).contains("held no complete checkpoint"), notes.toString());
        assertTrue(notes.get(1).contains("removed 2 temporary file(s)"), notes.toString());
    }

    @Test
    void aDirectoryWithACompleteCheckpointMustBeResumedAndSaysHow() throws IOException {
        Path dir = root.resolve("UDR18").resolve("done");
        Files.createDirectories(dir);
        Map<String, Object> ckpt = new LinkedHashMap<>();
        ckpt.put("step", 20L);
        ckpt.put("model", new LinkedHashMap<>());
        TorchSaveWriter.write(ckpt, dir.resolve("latest.pt"));
        writeZip(dir.resolve("latest-20.state"));
        UserInputException e = assertThrows(UserInputException.class,
                () -> RunDirectory.claimForTraining(root, "UDR18", "done", false, note -> { }));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertTrue(e.getMessage().contains("with latest"), e.getMessage());
        assertTrue(e.getMessage().contains("set resume: true"), e.getMessage());
        // the refusal released the lock
        RunDirectory.claimForTraining(root, "UDR18", "done", true, note -> { }).close();
        assertTrue(Files.exists(dir.resolve("latest.pt")));
    }

    @Test
    void orphanTrainerStatesAreRemovedAndTheLiveOneKept() throws IOException {
        Path dir = root.resolve("UDR18").resolve("orphans");
        Files.createDirectories(dir);
        Map<String, Object> ckpt = new LinkedHashMap<>();
        ckpt.put("step", 20L);
        ckpt.put("model", new LinkedHashMap<>());
        TorchSaveWriter.write(ckpt, dir.resolve("latest.pt"));
        writeZip(dir.resolve("latest-20.state"));
        writeZip(dir.resolve("latest-25.state")); // written before a checkpoint that never came
        writeZip(dir.resolve("best-15.state"));   // its best.pt was never written
        new RunDirectory(dir).removeOrphanTrainerStates();
        try (var files = Files.list(dir)) {
            assertEquals(List.of("latest-20.state", "latest.pt"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertFalse(Files.exists(dir.resolve("best-15.state")));
    }

    /** A minimal whole archive with the pickle record every checkpoint has. */
    static void writeZip(Path file) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            z.putNextEntry(new ZipEntry("archive/data.pkl"));
            z.write(new byte[] {(byte) 0x80, 2, 'N', '.'});
            z.closeEntry();
        }
    }
}
