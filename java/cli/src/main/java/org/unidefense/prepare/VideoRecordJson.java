package org.unidefense.prepare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.unidefense.UserInputException;
import org.unidefense.data.CropRect;
import org.unidefense.data.FaceBox;

/**
 * The JSON form of a {@link VideoRecord}: boxes as {@code [x, y, w, h]}, crops as
 * {@code [x1, y1, x2, y2]} (frame pixels), written field by field so the bytes depend on the
 * record alone.
 */
final class VideoRecordJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VideoRecordJson() {
    }

    static String write(VideoRecord r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", r.name());
        o.put("outDir", r.outDir());
        o.put("split", r.split());
        o.put("method", r.method());
        o.put("label", r.label());
        o.put("framesRead", r.framesRead());
        ArrayNode crops = o.putArray("crops");
        for (CroppedFace c : r.crops()) {
            ObjectNode n = crops.addObject();
            n.put("frame", c.frame());
            n.put("file", c.file());
            n.putArray("box").add(c.box().x()).add(c.box().y()).add(c.box().width()).add(c.box().height());
            n.putArray("crop").add(c.crop().x1()).add(c.crop().y1()).add(c.crop().x2()).add(c.crop().y2());
        }
        ArrayNode noFace = o.putArray("noFace");
        r.noFace().forEach(noFace::add);
        try {
            return MAPPER.writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static VideoRecord read(Path file) {
        try {
            JsonNode o = MAPPER.readTree(file.toFile());
            List<CroppedFace> crops = new ArrayList<>();
            for (JsonNode n : o.get("crops")) {
                JsonNode b = n.get("box");
                JsonNode c = n.get("crop");
                crops.add(new CroppedFace(n.get("frame").asInt(), n.get("file").asText(),
                        new FaceBox(b.get(0).asInt(), b.get(1).asInt(), b.get(2).asInt(), b.get(3).asInt()),
                        new CropRect(c.get(0).asInt(), c.get(1).asInt(), c.get(2).asInt(), c.get(3).asInt())));
            }
            List<Integer> noFace = new ArrayList<>();
            o.get("noFace").forEach(n -> noFace.add(n.asInt()));
            return new VideoRecord(o.get("name").asText(), o.get("outDir").asText(), o.get("split").asText(),
                    o.get("method").asText(), o.get("label").asInt(), o.get("framesRead").asInt(), crops, noFace);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException(file + ": unreadable record of a prepared video (" + e.getMessage()
                    + "); delete it and run prepare again to redo that video", e);
        }
    }
}
