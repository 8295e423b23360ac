package org.unidefense.prepare;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.unidefense.UserInputException;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.face.FaceDetector;
import org.unidefense.media.MediaKind;

/**
 * {@code prepare ocim}: one OCIM domain's videos to what the reference's OCIM loader reads:
 * <pre>
 * ROOT/&lt;domain root&gt;/lists/real_5points.pickle, fake_5points.pickle   lines "&lt;domain root&gt;/&lt;video path&gt;/&lt;frame&gt;.png label x y w h"
 * ROOT/lmdb/&lt;domain root&gt;/data.mdb                                    the face crops, keyed "&lt;domain root&gt;_crop/&lt;video path&gt;/&lt;frame&gt;.png"
 * ROOT/&lt;domain root&gt;/prepare-manifest.json                            (and its resume state), per domain
 * </pre>
 * The domain roots are the official templates' ({@code O_root: Oulu_NPU}, {@code C_root:
 * CASIA_database}, {@code I_root: replayattack}, {@code M_root: MSU-MFSD}); the key is the path with
 * the root renamed {@code <root>_crop}, as the reference's {@code _convert_to_str} derives it. The
 * reference crops the stored image again with the line's box and a margin of up to 0.5
 * ({@code train_margin}), so the stored crop is loose (default margin 1.0, twice the face box) and
 * the box is given in the crop's pixels. No landmarks: the detectors here give none, and the
 * loader does not use them.
 *
 * <p>Real or attack follows each dataset's own naming: OULU-NPU {@code P_S_U_F} with access type
 * {@code F} 1 = real; CASIA-FASD videos {@code 1}, {@code 2}, {@code HR_1} = real; Replay-Attack and
 * MSU-MFSD a {@code real} or {@code attack} folder in the path. Other videos are skipped and listed.
 */
public final class OcimPreparer {
    public static final Map<String, String> DOMAIN_ROOTS = Map.of("O", "Oulu_NPU", "C", "CASIA_database",
            "I", "replayattack", "M", "MSU-MFSD");
    private static final Set<String> CASIA_REAL = Set.of("1", "2", "HR_1");

    public record Request(String domain, Path src, Path out, CropSettings settings, int workers) {
    }

    public record Summary(PrepareRun.Outcome outcome, int real, int fake, Map<String, String> skipped) {
    }

    private OcimPreparer() {
    }

    /** 0 real, 1 attack, -1 unknown, for a video at {@code relative} (forward slashes) of {@code domain}. */
    static int labelOf(String domain, String relative) {
        String file = relative.substring(relative.lastIndexOf('/') + 1);
        String base = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
        switch (domain) {
            case "O" -> {
                String[] f = base.split("_");
                String access = f[f.length - 1];
                return access.equals("1") ? 0 : access.matches("[2-5]") ? 1 : -1;
            }
            case "C" -> {
                return CASIA_REAL.contains(base) ? 0 : base.matches("[3-8]|HR_[2-4]") ? 1 : -1;
            }
            default -> {
                List<String> parts = List.of(relative.toLowerCase(Locale.ROOT).split("/"));
                return parts.contains("real") ? 0 : parts.contains("attack") ? 1 : -1;
            }
        }
    }

    public static Summary prepare(Request q, Supplier<? extends FaceDetector> detectors, Writer progress) {
        String root = DOMAIN_ROOTS.get(q.domain());
        if (root == null) {
            throw new UserInputException("--domain: unknown OCIM domain '" + q.domain() + "'; expected one of O, C, I, M");
        }
        if (!Files.isDirectory(q.src())) {
            throw new UserInputException(q.src() + ": not a folder; --src must be the " + root + " download root");
        }
        Map<String, String> skipped = new TreeMap<>();
        List<VideoJob> jobs = new ArrayList<>();
        for (Path video : videosUnder(q.src())) {
            String rel = q.src().relativize(video).toString().replace('\\', '/');
            int label = labelOf(q.domain(), rel);
            if (label < 0) {
                skipped.put(rel, "neither real nor attack by the " + root + " naming");
                continue;
            }
            String noExt = rel.substring(0, rel.lastIndexOf('.'));
            jobs.add(new VideoJob(video, rel, root + "_crop/" + FolderPreparer.safePath(noExt), "all",
                    label == 0 ? "real" : "fake", label));
        }
        if (jobs.isEmpty()) {
            throw new UserInputException(q.src() + ": no real or attack video found by the " + root + " naming");
        }
        // The domains share the OCIM root; each keeps its state and manifest in its own folder.
        Path domainDir = q.out().resolve(root);
        Path crops = domainDir.resolve(PrepareRun.STATE_DIR).resolve("crops");
        PrepareRun.Outcome outcome = new PrepareRun(crops, domainDir, q.settings(), detectors, q.workers(), progress)
                .run("prepare ocim " + q.domain(), jobs);
        List<Object> real = new ArrayList<>();
        List<Object> fake = new ArrayList<>();
        for (VideoRecord r : outcome.records()) {
            for (CroppedFace c : r.crops()) {
                String path = root + r.outDir().substring((root + "_crop").length()) + "/" + c.file();
                // The box in the stored crop's pixels: the loader crops that image again with its margin.
                String line = String.format(Locale.ROOT, "%s %d %d %d %d %d", path, r.label(), c.box().x() - c.crop().x1(),
                        c.box().y() - c.crop().y1(), c.box().width(), c.box().height());
                (r.label() == 0 ? real : fake).add(line);
            }
        }
        CropStore.write(q.out().resolve("lmdb").resolve(root), crops, outcome.records());
        TorchSaveWriter.write(real, q.out().resolve(root).resolve("lists").resolve("real_5points.pickle"));
        TorchSaveWriter.write(fake, q.out().resolve(root).resolve("lists").resolve("fake_5points.pickle"));
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("domain", q.domain());
        PrepareManifest.write(domainDir, PrepareManifest.build("OCIM-" + q.domain(), options, q.settings(), outcome, skipped));
        return new Summary(outcome, real.size(), fake.size(), skipped);
    }

    private static List<Path> videosUnder(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && MediaKind.of(p) == MediaKind.VIDEO).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list the videos: " + e, e);
        }
    }
}
