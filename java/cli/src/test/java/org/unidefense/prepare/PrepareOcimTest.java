package org.unidefense.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unidefense.cli.ExitCodes;
import org.unidefense.config.CropMode;
import org.unidefense.data.CropRect;
import org.unidefense.data.FaceCrop;
import org.unidefense.data.ImageStore;
import org.unidefense.data.NumpyRandom;
import org.unidefense.data.Sample;
import org.unidefense.data.dataset.OcimReader;
import org.unidefense.data.dataset.StoreOpener;
import org.unidefense.data.store.LmdbImageStore;
import org.unidefense.media.ImageFiles;

/** {@code prepare ocim} on a Replay-Attack-style tree, read back with this project's OCIM reader. */
class PrepareOcimTest {
    @TempDir
    static Path dir;

    @AfterAll
    static void close() {
        LmdbImageStore.closeAll();
    }

    @Test
    void realAndAttackFollowEachDatasetsNaming() {
        assertEquals(0, OcimPreparer.labelOf("O", "Train_files/1_1_01_1.avi"));
        assertEquals(1, OcimPreparer.labelOf("O", "Dev_files/6_3_21_4.avi"));
        assertEquals(0, OcimPreparer.labelOf("C", "train_release/1/HR_1.avi"));
        assertEquals(1, OcimPreparer.labelOf("C", "test_release/7/HR_4.avi"));
        assertEquals(1, OcimPreparer.labelOf("C", "train_release/3/5.avi"));
        assertEquals(0, OcimPreparer.labelOf("I", "train/real/client001_session01_webcam_authenticate_adverse_1.mov"));
        assertEquals(1, OcimPreparer.labelOf("I", "devel/attack/hand/attack_highdef_client003_session01.mov"));
        assertEquals(-1, OcimPreparer.labelOf("I", "enroll/client001.mov"));
        assertEquals(1, OcimPreparer.labelOf("M", "scene01/attack/attack_client001_android_SD_ipad_video_scene01.mp4"));
    }

    @Test
    void listsAndStoreAreWhatTheOcimReaderReads() throws IOException {
        Path dl = dir.resolve("download");
        SyntheticDownloads.ffpp(dl, new SyntheticDownloads.Options(4, "c23", new int[] {1, 0, 1}, 4, 176, 144, 112));
        Path src = dir.resolve("replayattack");
        Path real = Files.createDirectories(src.resolve("train/real"));
        Path attack = Files.createDirectories(src.resolve("devel/attack/fixed"));
        Path enroll = Files.createDirectories(src.resolve("enroll"));
        for (String id : List.of("000", "001", "002", "003")) {
            Files.copy(dl.resolve("original_sequences/youtube/c23/videos/" + id + ".mp4"), real.resolve("client" + id + ".mp4"));
        }
        Files.copy(dl.resolve("manipulated_sequences/FaceSwap/c23/videos/000_001.mp4"), attack.resolve("attack_client000.mp4"));
        Files.copy(dl.resolve("manipulated_sequences/FaceSwap/c23/videos/002_003.mp4"), attack.resolve("attack_client002.mp4"));
        Files.copy(dl.resolve("original_sequences/youtube/c23/videos/000.mp4"), enroll.resolve("client000.mp4"));
        Path out = dir.resolve("ocim");
        CliRun run = new CliRun("prepare", "ocim", "--domain", "I", "--src", src.toString(), "--out", out.toString(),
                "--frames", "3");
        assertEquals(ExitCodes.OK, run.code, run.err);

        OcimReader reader = new OcimReader(out, Map.of("I", "replayattack"), true, StoreOpener.EAGER);
        ImageStore store = reader.stores("I").get("I");
        for (String label : OcimReader.LABELS) {
            List<Sample> samples = reader.read("I", label, null, new NumpyRandom(0));
            assertTrue(!samples.isEmpty(), label);
            for (Sample s : samples) {
                assertTrue(s.path().startsWith("replayattack/" + (label.equals("real") ? "train/real/" : "devel/attack/fixed/")),
                        s.path());
                assertTrue(s.storeKey().startsWith("replayattack_crop/"), s.storeKey());
                try (PointerScope scope = new PointerScope()) {
                    Mat crop = ImageFiles.decode(store.read(s.storeKey()), s.storeKey());
                    // The box is in the stored crop's pixels: the engine's 4p crop at margin 0.5 keeps a real region.
                    CropRect r = FaceCrop.rect(s, CropMode.FOUR_POINT, 0.5, crop.cols(), crop.rows());
                    assertTrue(s.box().x() >= 0 && s.box().y() >= 0 && s.box().x() + s.box().width() <= crop.cols()
                            && s.box().y() + s.box().height() <= crop.rows(), s.box() + " outside the stored crop");
                    assertTrue(r.width() >= s.box().width() && r.height() >= s.box().height(), r.toString());
                }
            }
        }
        JsonNode m = new ObjectMapper().readTree(out.resolve("replayattack").resolve(PrepareManifest.FILE).toFile());
        assertEquals(6, m.get("totals").get("videos").asInt());
        assertTrue(m.get("skipped").has("enroll/client000.mp4"), m.toString());
    }
}
