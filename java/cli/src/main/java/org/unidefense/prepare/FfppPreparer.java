package org.unidefense.prepare;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.unidefense.UserInputException;
import org.unidefense.checkpoint.PyTuple;
import org.unidefense.checkpoint.TorchSaveWriter;
import org.unidefense.face.FaceDetector;
import org.unidefense.media.MediaKind;

/**
 * {@code prepare ffpp}: from the FaceForensics++ download to what the reference's FaceForensics
 * loader reads (see {@link FfppLayout}): the face crops of every video of the official splits
 * and {@code pickle_files/<split>_<c>.pickle}, a {@code torch.save}d list of
 * {@code (path, label)} tuples (label 0 for original, 1 for manipulated), in the order
 * originals, then each method, videos and frames by name.
 */
public final class FfppPreparer {
    /** What the run produced. */
    public record Summary(PrepareRun.Outcome outcome, Map<String, Integer> framesBySplit, Map<String, String> skipped,
                          ReadyConfigs.Written configs) {
    }

    /** What to prepare from where. */
    public record Request(Path src, Path out, String compression, Path splits, List<String> methods,
                          CropSettings settings, int workers, ReadyConfigs.Schedule schedule) {
    }

    private FfppPreparer() {
    }

    public static Summary prepare(Request q, Supplier<? extends FaceDetector> detectors, Writer progress) {
        FfppSplits splits = FfppSplits.read(q.splits() != null ? q.splits() : q.src().resolve("splits"));
        Map<String, String> skipped = new TreeMap<>();
        List<VideoJob> jobs = new ArrayList<>();
        Path originals = q.src().resolve(FfppLayout.sequenceDir(null, q.compression())).resolve("videos");
        if (!Files.isDirectory(originals)) {
            throw new UserInputException(originals + ": not found; --src must be the FF++ download root (holding "
                    + "original_sequences/youtube/<c>/videos) and --compression one that was downloaded");
        }
        addJobs(jobs, skipped, q, splits, null, originals);
        List<String> found = new ArrayList<>();
        for (String method : q.methods()) {
            if (!FfppLayout.METHODS.contains(method)) {
                throw new UserInputException("--methods: unknown method '" + method + "'; expected some of " + FfppLayout.METHODS);
            }
            Path dir = q.src().resolve(FfppLayout.sequenceDir(method, q.compression())).resolve("videos");
            if (Files.isDirectory(dir)) {
                addJobs(jobs, skipped, q, splits, method, dir);
                found.add(method);
            }
        }
        PrepareRun run = new PrepareRun(q.out(), q.out(), q.settings(), detectors, q.workers(), progress);
        PrepareRun.Outcome outcome = run.run("prepare ffpp " + q.compression(), jobs);
        Map<String, Integer> frames = writeIndex(q, outcome);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("compression", q.compression());
        options.put("methods", q.methods());
        PrepareManifest.write(q.out(), PrepareManifest.build("FFpp", options, q.settings(), outcome, skipped));
        String fakes = found.stream().map(m -> "'" + m + "'").collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        ReadyConfigs.Written configs = ReadyConfigs.write(q.out(), "ffpp_" + q.compression(), "ffpp", "FE", "data_ffpp.yml",
                q.schedule(), Map.of("@FAKE_METHODS@", fakes, "@COMPRESSION@", q.compression()));
        return new Summary(outcome, frames, skipped, configs);
    }

    private static void addJobs(List<VideoJob> jobs, Map<String, String> skipped, Request q, FfppSplits splits,
                                String method, Path dir) {
        String sequence = FfppLayout.sequenceDir(method, q.compression());
        for (Path video : videosIn(dir)) {
            String file = video.getFileName().toString();
            String id = file.substring(0, file.lastIndexOf('.'));
            String name = sequence + "/videos/" + file;
            String split = splits.splitOf(id);
            if (split == null) {
                skipped.put(name, "in no split file");
                continue;
            }
            jobs.add(new VideoJob(video, name, sequence + "/frames/" + id, split, method == null ? "Origin" : method,
                    method == null ? 0 : 1));
        }
    }

    private static List<Path> videosIn(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> MediaKind.of(p) == MediaKind.VIDEO).sorted().toList();
        } catch (IOException e) {
            throw new UserInputException(dir + ": cannot list the videos: " + e, e);
        }
    }

    /** Writes the three index files; returns the frames listed per split. */
    private static Map<String, Integer> writeIndex(Request q, PrepareRun.Outcome outcome) {
        Map<String, List<Object>> bySplit = new LinkedHashMap<>();
        FfppLayout.SPLITS.forEach(s -> bySplit.put(s, new ArrayList<>()));
        for (VideoRecord r : outcome.records()) {
            for (CroppedFace c : r.crops()) {
                bySplit.get(r.split()).add(PyTuple.of(r.outDir() + "/" + c.file(), (long) r.label()));
            }
        }
        Map<String, Integer> frames = new LinkedHashMap<>();
        bySplit.forEach((split, list) -> {
            TorchSaveWriter.write(list, q.out().resolve(FfppLayout.indexFile(split, q.compression())));
            frames.put(split, list.size());
        });
        return frames;
    }
}
