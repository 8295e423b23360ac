package org.unidefense.data.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.unidefense.checkpoint.PyTuple;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.data.transform.Pixels;

/**
 * A tiny FaceForensics++ layout (folder store): train has 3 real and 3 Deepfakes frames of solid
 * colour (R = 20 + 40k, G 90, B 200), val and test the first two real frames; a dataset file
 * with Resize 24x32, HorizontalFlip, Normalize(0.5) for every split, and a model file using it.
 */
public final class TinyFfpp {
    private TinyFfpp() {
    }

    /** Writes the dataset under {@code root} with data.yml and model.yml. */
    public static void write(Path root) throws IOException {
        List<Object> train = new ArrayList<>();
        int k = 0;
        for (String dir : List.of("original_sequences/youtube/c23/frames/000", "manipulated_sequences/Deepfakes/c23/frames/000_001")) {
            for (int f = 0; f < 3; f++) {
                String path = dir + "/000" + f + ".png";
                Path file = root.resolve(path);
                Files.createDirectories(file.getParent());
                Files.write(file, solid(40, 30, 20 + 40 * k++));
                train.add(PyTuple.of(path, dir.startsWith("original") ? 0L : 1L));
            }
        }
        TorchSaveWriter.write(train, root.resolve("pickle_files/train_c23.pickle"));
        TorchSaveWriter.write(train.subList(0, 2), root.resolve("pickle_files/val_c23.pickle"));
        TorchSaveWriter.write(train.subList(0, 2), root.resolve("pickle_files/test_c23.pickle"));
        String transforms = """
                  - name: Resize
                    params: {height: 24, width: 32}
                  - name: HorizontalFlip
                    params: {p: 0.5}
                  - name: Normalize
                    params: {mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5]}
                """;
        Files.writeString(root.resolve("data.yml"), "name: FFpp\nroot: " + root + "\nuse_lmdb: false\n"
                + "compression: c23\nreal_method: [Origin]\nfake_method: [Deepfakes]\n"
                + "num_steps: 10\nlog_steps: 5\nval_steps: 5\n"
                + "train_transforms:\n" + transforms + "val_transforms:\n" + transforms + "test_transforms:\n" + transforms);
        Files.writeString(root.resolve("model.yml"), """
                model:
                  name: UDR18
                  num_classes: 2
                config:
                  distribute: {backend: gloo}
                  find_unused: false
                  warmup_step: 0
                  resume: false
                  resume_best: false
                  debug: false
                  lambda_triplet: 0.1
                  lambda_recons: 0.1
                  lambda_freq: 1.0
                  lambda_mask: 0.1
                  lambda_fac: 0.1
                  optimizer: {name: adamw, lr: 0.0001, betas: [0.9, 0.999], weight_decay: 0.000005, amsgrad: true}
                  crop: nocrop
                  id: show
                data:
                  train_batch_size: 2
                  val_batch_size: 2
                  test_batch_size: 2
                  file: data.yml
                """);
    }

    static byte[] solid(int height, int width, int red) {
        byte[] hwc = new byte[height * width * 3];
        for (int i = 0; i < hwc.length; i += 3) {
            hwc[i] = (byte) red;
            hwc[i + 1] = 90;
            hwc[i + 2] = (byte) 200;
        }
        return RgbEncoder.encode(Pixels.fromBytes(hwc, height, width, 3), ".png");
    }
}
