package org.unidefense.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.testing.Fixture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightsCommandTest {
    @TempDir
    Path dir;

    private Path resource(String absolute, String name) throws IOException {
        try (InputStream in = WeightsCommandTest.class.getResourceAsStream(absolute)) {
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }

    @Test
    void inspectsALegacyPretrainedFile() throws IOException {
        String name = "resnet50_a1_0-14fe96d1";
        byte[] gz = Fixture.resourceBytes("G_pretrained_format/" + name + ".fixture.pth.gz");
        Path p;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            p = Files.write(dir.resolve(name + ".pth"), in.readAllBytes());
        }
        MainTest.Run r = new MainTest.Run("weights", "inspect", p.toString());
        assertEquals(0, r.code, r.err);

        JsonNode entries = Fixture.of("G_pretrained_format").manifest().path("state_dicts").get(name).get("entries");
        long floats = 0;
        long ints = 0;
        for (JsonNode e : entries) {
            long n = 1;
            for (JsonNode d : e.get("shape")) {
                n *= d.asLong();
            }
            if (e.get("dtype").asText().equals("float32")) {
                floats += n;
            } else {
                ints += n;
            }
        }
        assertTrue(r.out.contains("format:  legacy"), r.out);
        assertTrue(r.out.contains("state dict: the file itself (OrderedDict)"), r.out);
        assertTrue(r.out.contains("tensors: 320 ("), r.out);
        assertTrue(r.out.contains(String.format("parameters: %,d floating elements; integer/bool elements: %,d",
                floats, ints)), r.out);
        assertTrue(r.out.contains("_metadata: absent"), r.out);
        assertTrue(r.out.matches("(?s).*\\n  conv1\\.weight +float32 +\\[64, 3, 7, 7\\]\\n.*"), r.out);
        assertTrue(r.out.matches("(?s).*\\n  bn1\\.num_batches_tracked +int64 +\\[\\]\\n.*"), r.out);
        assertEquals(entries.size(), r.out.lines().filter(l -> l.matches("  \\S+ +\\S+ +\\[.*\\]")).count());
    }

    @Test
    void inspectsANestedTrainingCheckpoint() throws IOException {
        Path p = resource("/checkpoint/torch_dtypes.zip.pt", "ck.pt");
        MainTest.Run r = new MainTest.Run("weights", "inspect", p.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("format:  zip"), r.out);
        assertTrue(r.out.contains("top level: dict with 7 keys"), r.out);
        assertTrue(r.out.contains("  step: 7\n"), r.out);
        assertTrue(r.out.contains("  best_auc: 0.875\n"), r.out);
        assertTrue(r.out.contains("  model: OrderedDict of 7 entries\n"), r.out);
        assertTrue(r.out.contains("state dict: under key 'model'"), r.out);
        assertTrue(r.out.contains("tensors: 7 (6 floating, 1 integer/bool) in 7 storages"), r.out);
        // conv 1→2 (1x1): 2 weights + 2 biases; BatchNorm2d(2): weight, bias, running mean and var
        assertTrue(r.out.contains("parameters: 12 floating elements; integer/bool elements: 1"), r.out);
        assertTrue(r.out.contains("_metadata: present"), r.out);
    }

    @Test
    void inspectsAFileWithoutStateDict() throws IOException {
        Path p = resource("/checkpoint/index_list.pt", "index.pt");
        MainTest.Run r = new MainTest.Run("weights", "inspect", p.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("top level: list of 2 items"), r.out);
        assertTrue(r.out.contains("state dict: none"), r.out);
    }

    @Test
    void badFilesExitWithCode3() throws IOException {
        Path p = Files.writeString(dir.resolve("notes.pth"), "not weights");
        MainTest.Run r = new MainTest.Run("weights", "inspect", p.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code);
        assertTrue(r.err.contains("error: " + p + ": not a torch.save file"), r.err);
        r = new MainTest.Run("weights", "inspect", dir.resolve("missing.pth").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code);
        assertTrue(r.err.contains("no such file"), r.err);
    }

    @Test
    void weightsAloneShowsItsSubcommands() {
        MainTest.Run r = new MainTest.Run("weights");
        assertEquals(0, r.code);
        assertTrue(r.out.contains("inspect"), r.out);
        assertEquals(ExitCodes.USAGE, new MainTest.Run("weights", "inspect").code);
    }
}
