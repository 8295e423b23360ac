package org.unidefense.engine;

import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.unidefense.data.store.LmdbImageStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The setup every test class that trains tiny runs shares, as a JUnit extension:
 * <pre>{@code @RegisterExtension static final SyntheticRunsExtension runs = new SyntheticRunsExtension();}</pre>
 * Before the class: libtorch on the machine's 2 cores and one {@link SyntheticRuns} benchmark in a
 * fresh directory. After it: the LMDB stores the runs opened are closed (they hold memory maps)
 * and the directory is deleted.
 */
public final class SyntheticRunsExtension implements BeforeAllCallback, AfterAllCallback {
    private Path root;
    private SyntheticRuns runs;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        torch.set_num_threads(2);
        root = Files.createTempDirectory("synthetic-runs-");
        runs = new SyntheticRuns(root);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        LmdbImageStore.closeAll();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Where runs go: {@code <root>/runs}. */
    public Path runs() {
        return synthetic().runs();
    }

    /** {@link SyntheticRuns#bench}. */
    public Path bench() {
        return synthetic().bench();
    }

    /** {@link SyntheticRuns#modelFile}. */
    public Path modelFile(int prot, String id, int steps, int valSteps, String extraConfig) {
        return synthetic().modelFile(prot, id, steps, valSteps, extraConfig);
    }

    private SyntheticRuns synthetic() {
        if (runs == null) {
            throw new IllegalStateException("register with @RegisterExtension on a static field");
        }
        return runs;
    }
}
