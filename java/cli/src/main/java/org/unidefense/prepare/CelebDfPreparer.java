package org.unidefense.prepare;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.unidefense.UserInputException;
import org.unidefense.data.dataset.CelebDfReader;
import org.unidefense.face.FaceDetector;
import org.unidefense.io.AtomicFiles;
import org.unidefense.media.MediaKind;

/**
 * {@code prepare celebdf}: from the Celeb-DF v2 download ({@code YouTube-real/}, {@code Celeb-real/},
 * {@code Celeb-synthesis/} of mp4 files and {@code List_of_testing_videos.txt}) to what the
 * reference's CelebDF loader reads: {@code <method>/images/<video>/<frame>.png} and the test list,
 * copied unchanged. The loader has no index file: a video is in the test split when the list
 * names it (last field, file name without extension), otherwise in train; the manifest counts
 * them the same way. A data/model file pair for {@code train --engine FE} is written next to them.
 */
public final class CelebDfPreparer {
    public record Request(Path src, Path out, CropSettings settings, int workers, ReadyConfigs.Schedule schedule) {
    }

    public record Summary(PrepareRun.Outcome outcome, Map<String, Integer> framesBySplit, ReadyConfigs.Written configs) {
    }

    private CelebDfPreparer() {
    }

    public static Summary prepare(Request q, Supplier<? extends FaceDetector> detectors, Writer progress) {
        Path list = q.src().resolve(CelebDfReader.TEST_LIST);
        if (!Files.isRegularFile(list)) {
            throw new UserInputException(list + ": not found; --src must be the Celeb-DF v2 download root (holding "
                    + "Celeb-real, Celeb-synthesis, YouTube-real and " + CelebDfReader.TEST_LIST + ")");
        }
        Set<String> test = testVideos(list);
        List<VideoJob> jobs = new ArrayList<>();
        for (String method : CelebDfReader.METHODS) {
            Path dir = q.src().resolve(method);
            if (!Files.isDirectory(dir)) {
                throw new UserInputException(dir + ": not found; the Celeb-DF v2 download has the folders "
                        + CelebDfReader.METHODS);
            }
            for (Path video : videosIn(dir)) {
                String file = video.getFileName().toString();
                String id = file.substring(0, file.indexOf('.'));
                jobs.add(new VideoJob(video, method + "/" + file, method + "/images/" + id,
                        test.contains(method + "/" + id) ? "test" : "train", method,
                        method.equals("Celeb-synthesis") ? 1 : 0));
            }
        }
        PrepareRun run = new PrepareRun(q.out(), q.out(), q.settings(), detectors, q.workers(), progress);
        PrepareRun.Outcome outcome = run.run("prepare celebdf", jobs);
        try {
            AtomicFiles.write(q.out().resolve(CelebDfReader.TEST_LIST),
                    tmp -> Files.copy(list, tmp, StandardCopyOption.REPLACE_EXISTING));
        } catch (IOException e) {
            throw new UserInputException(q.out().resolve(CelebDfReader.TEST_LIST) + ": cannot write: " + e, e);
        }
        Map<String, Integer> frames = new LinkedHashMap<>();
        CelebDfReader.SPLITS.forEach(s -> frames.put(s, 0));
        outcome.records().forEach(r -> frames.merge(r.split(), r.crops().size(), Integer::sum));
        PrepareManifest.write(q.out(), PrepareManifest.build("CDF", Map.of(), q.settings(), outcome, new TreeMap<>()));
        ReadyConfigs.Written configs = ReadyConfigs.write(q.out(), "celebdf", "celebdf", "FE", "data_celebdf.yml",
                q.schedule(), Map.of());
        return new Summary(outcome, frames, configs);
    }

    /** {@code <method>/<id>} of each listed video, read as the reference reads the list. */
    private static Set<String> testVideos(Path list) {
        Set<String> out = new HashSet<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(list);
        } catch (IOException e) {
            throw new UserInputException(list + ": cannot read: " + e, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String name = line.substring(line.lastIndexOf(' ') + 1);
            String file = name.substring(name.lastIndexOf('/') + 1);
            String id = file.contains(".") ? file.substring(0, file.indexOf('.')) : file;
            String method = CelebDfReader.METHODS.stream().filter(name::contains).findFirst().orElse(null);
            if (method == null) {
                throw new UserInputException(list + ": line " + (i + 1) + " '" + line + "' names no YouTube-real, "
                        + "Celeb-real or Celeb-synthesis video");
            }
            out.add(method + "/" + id);
        }
        return out;
    }

    private static List<Path> videosIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> MediaKind.of(p) == MediaKind.VIDEO).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list the videos: " + e, e);
        }
    }
}
