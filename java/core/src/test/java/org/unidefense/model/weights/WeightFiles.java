package org.unidefense.model.weights;

import org.unidefense.checkpoint.PyOrderedDict;
import org.unidefense.checkpoint.StoredTensor;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.testing.Fixture;
import org.unidefense.testing.FixtureTensor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Weight files for the tests: the G fixtures on disk, and checkpoints laid out as the reference's engines write them. */
public final class WeightFiles {
    private WeightFiles() {
    }

    /**
     * Puts {@code G_pretrained_format/<name>.fixture.pth.gz} into {@code dir} as {@code <name>.fixture.pth},
     * raw. Not under the official name: the fixture has the official layout but not its content, so
     * it would fail the hash check official names get ({@link WeightsHash}).
     */
    public static Path pretrained(Path dir, String name) {
        byte[] gz = Fixture.resourceBytes("G_pretrained_format/" + name + ".fixture.pth.gz");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return Files.write(dir.resolve(name + ".fixture.pth"), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture state dict as stored tensors (the A groups' {@code weights}), keys prefixed. */
    public static PyOrderedDict storedStateDict(Fixture f, String sdName, String prefix) {
        PyOrderedDict sd = new PyOrderedDict();
        for (Map.Entry<String, FixtureTensor> e : f.stateDict(sdName).entrySet()) {
            FixtureTensor t = e.getValue();
            sd.put(prefix + e.getKey(), t.isFloat() ? StoredTensor.ofFloats(t.floats(), t.shape())
                    : StoredTensor.ofLongs(t.longs(), t.shape()));
        }
        return sd;
    }

    /**
     * A checkpoint as the reference's forgery engine saves it under DDP-style keys:
     * {@code {"step", "best_step", "best_auc", "best_acc", "model": {"module.<key>": tensor}}}.
     */
    public static Path referenceCheckpoint(Path file, PyOrderedDict stateDict) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("step", 100L);
        top.put("best_step", 90L);
        top.put("best_auc", 0.9375);
        top.put("best_acc", 0.875);
        top.put("model", stateDict);
        TorchSaveWriter.write(top, file);
        return file;
    }
}
