package org.unidefense.inference;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/** Where {@code predict} writes its records: JSON lines or CSV with a header. */
public interface RecordSink {
    void write(PredictionRecord r);

    /** One JSON object per line. */
    static RecordSink jsonLines(Writer out) {
        ObjectMapper json = new ObjectMapper();
        return r -> {
            try {
                out.write(json.writeValueAsString(r.toJson()));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a result record", e);
            }
        };
    }

    /** CSV (RFC 4180 quoting) with a header row of {@link PredictionRecord#COLUMNS}. */
    static RecordSink csv(Writer out) {
        try {
            out.write(String.join(",", PredictionRecord.COLUMNS) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CSV header", e);
        }
        return r -> {
            StringBuilder line = new StringBuilder();
            List<Object> row = r.toRow();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    line.append(',');
                }
                line.append(cell(row.get(i)));
            }
            try {
                out.write(line.append('\n').toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a result record", e);
            }
        };
    }

    private static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
