package org.unidefense.inference;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.data.transform.ChwImage;
import org.unidefense.model.recce.Recce;
import org.unidefense.model.weights.ModelCheckpoint;
import org.unidefense.model.weights.WeightFiles;
import org.unidefense.testing.Fixture;
import org.unidefense.tensor.Tensors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Detector takes a checkpoint written by RECCE's trainer ({"model": DDP-prefixed state dict,
 * "step", "best_metric", ...}) with a RECCE model file, and reports P(real) as everywhere in this
 * project: 1 - sigmoid(the fake logit), for the same prepared face.
 */
class RecceDetectorTest {
    @TempDir
    Path dir;

    @Test
    void recceTrainerCheckpointScoresPRealAsOneMinusPFake() throws IOException {
        torch.set_num_threads(2);
        String data = Files.readString(Path.of("config_template/synthetic/data_prot1.yml"))
                .replace("height: 64", "height: 32").replace("width: 64", "width: 32");
        Files.writeString(dir.resolve("data.yml"), data);
        Path modelFile = dir.resolve("model.yml");
        Files.writeString(modelFile, Files.readString(Path.of("config_template/recce/model_recce_synthetic_prot1.yml"))
                .replace("config_template/synthetic/data_prot1.yml", dir.resolve("data.yml").toString()));
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("step", 2000L);
        top.put("best_step", 1000L);
        top.put("best_metric", 0.9375);
        top.put("eval_metric", "Acc");
        top.put("model", WeightFiles.storedStateDict(Fixture.of("R_recce"), "weights", "module."));
        Path checkpoint = dir.resolve("best_model_1000.bin");
        TorchSaveWriter.write(top, checkpoint);

        Recce direct = new Recce(1, 0.2);
        ModelCheckpoint.load(checkpoint, direct);
        direct.eval();
        try (Detector d = Detector.builder().checkpoint(checkpoint).config(modelFile).batchSize(2).wholeImage().build();
             Mat picture = TinyDetector.picture(40, 40, 11)) {
            assertEquals(Recce.NAME, d.architecture());
            List<PreparedFace> faces = d.prepare(null, 0, picture);
            assertEquals(1, faces.size());
            FaceScore score = d.score(faces).get(0);
            ChwImage in = faces.get(0).input();
            double logit;
            try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
                logit = direct.run(Tensors.fromFloats(in.data(), 1, in.channels(), in.height(), in.width()))
                        .logits().item_double();
            }
            double pFake = 1 / (1 + Math.exp(-logit));
            assertEquals(1 - pFake, score.pReal(), 1e-5);
            assertEquals(pFake, score.pAttack(), 1e-5);
            assertTrue(d.notes().stream().anyMatch(n -> n.contains("threshold")), d.notes().toString());
        }
    }
}
