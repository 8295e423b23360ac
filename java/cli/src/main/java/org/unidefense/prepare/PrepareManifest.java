package org.unidefense.prepare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.unidefense.UserInputException;
import org.unidefense.io.AtomicFiles;

/**
 * {@code prepare-manifest.json}: what a prepare run produced, per split and method (videos,
 * frames read, face crops, frames without a face), which frames had no face, which videos are
 * outside every split, which could not be read (error records), and the options used. No times or
 * thread counts: the same input and options give the same bytes, however the run was interrupted.
 */
public final class PrepareManifest {
    public static final String FILE = "prepare-manifest.json";

    private PrepareManifest() {
    }

    /**
     * @param options  the options that decide the output (besides the crop settings)
     * @param skipped  inputs left out on purpose, with the reason
     */
    public static ObjectNode build(String dataset, Map<String, Object> options, CropSettings settings,
                                   PrepareRun.Outcome outcome, Map<String, String> skipped) {
        ObjectNode root = VideoRecordJson.MAPPER.createObjectNode();
        root.put("dataset", dataset);
        ObjectNode opts = root.putObject("options");
        new TreeMap<>(options).forEach((k, v) -> opts.putPOJO(k, v));
        settings.describe().forEach(opts::putPOJO);
        Map<String, Map<String, long[]>> counts = new TreeMap<>();
        ArrayNode noFace = VideoRecordJson.MAPPER.createArrayNode();
        long totalCrops = 0;
        long totalNoFace = 0;
        for (VideoRecord r : outcome.records()) {
            long[] c = counts.computeIfAbsent(r.split(), k -> new TreeMap<>()).computeIfAbsent(r.method(), k -> new long[4]);
            c[0]++;
            c[1] += r.framesRead();
            c[2] += r.crops().size();
            c[3] += r.noFace().size();
            totalCrops += r.crops().size();
            totalNoFace += r.noFace().size();
            if (!r.noFace().isEmpty()) {
                ObjectNode n = noFace.addObject();
                n.put("video", r.name());
                ArrayNode frames = n.putArray("frames");
                r.noFace().forEach(frames::add);
            }
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("videos", outcome.records().size());
        totals.put("faceCrops", totalCrops);
        totals.put("framesWithoutFace", totalNoFace);
        totals.put("unreadableVideos", outcome.failures().size());
        totals.put("skippedVideos", skipped.size());
        ObjectNode splits = root.putObject("splits");
        counts.forEach((split, byMethod) -> {
            ObjectNode s = splits.putObject(split);
            byMethod.forEach((method, c) -> {
                ObjectNode m = s.putObject(method);
                m.put("videos", c[0]);
                m.put("framesRead", c[1]);
                m.put("faceCrops", c[2]);
                m.put("framesWithoutFace", c[3]);
            });
        });
        root.set("facesNotFound", noFace);
        ArrayNode errors = root.putArray("errors");
        for (PrepareRun.Failure f : outcome.failures()) {
            ObjectNode e = errors.addObject();
            e.put("video", f.name());
            e.put("split", f.split());
            e.put("method", f.method());
            e.put("error", f.error());
        }
        ObjectNode skip = root.putObject("skipped");
        new TreeMap<>(skipped).forEach(skip::put);
        return root;
    }

    public static void write(Path outRoot, ObjectNode manifest) {
        Path file = outRoot.resolve(FILE);
        try {
            AtomicFiles.writeString(file, VideoRecordJson.MAPPER.writeValueAsString(manifest) + "\n");
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot write: " + e, e);
        }
    }
}
