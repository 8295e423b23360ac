package org.unidefense.checkpoint;

import org.junit.jupiter.api.Test;
import java.nio.file.Path;
import java.util.*;

class ScratchWriteTest {
    @Test
    void write() {
        Path out = Path.of(System.getProperty("scratch.dir", "/tmp/ckpt-scratch"));
        TorchSaveFile f = TorchSaveFile.read(CheckpointFiles.copy(out, "A_udr18/weights.stored.pt"));
        TorchSaveWriter.write(f.root(), out.resolve("copy.pt"));
        Storage pool = StoredTensor.ofFloats(new float[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 12).storage();
        PyOrderedDict sd = new PyOrderedDict();
        sd.put("whole", StoredTensor.contiguous(pool, 3, 4));
        sd.put("row", new StoredTensor(pool, 4, new long[]{4}, new long[]{1}, false));
        sd.put("column", new StoredTensor(pool, 1, new long[]{3}, new long[]{4}, false));
        sd.put("param", new StoredTensor(pool, 0, new long[]{2}, new long[]{1}, true));
        sd.put("steps", StoredTensor.ofLongs(new long[]{-5, 1L << 40}, 2));
        sd.put("scalar", StoredTensor.ofLongs(new long[]{4321}));
        sd.put("half", StoredTensor.contiguous(Storage.of("h", DType.FLOAT16, new byte[]{0, 0x3c, 0, (byte) 0xc0}), 2));
        sd.put("bool", StoredTensor.contiguous(Storage.of("b", DType.BOOL, new byte[]{1, 0, 1}), 3));
        PyOrderedDict meta = new PyOrderedDict();
        meta.put("", new LinkedHashMap<>(Map.of("version", 1L)));
        sd.attributes().put("_metadata", meta);
        Map<Object, Object> ckpt = new LinkedHashMap<>();
        ckpt.put("step", 10L);
        ckpt.put("best_auc", 0.75);
        ckpt.put("name", "héllo");
        ckpt.put("big", new java.math.BigInteger("1180591620717411303424"));
        ckpt.put("neg", -70000L);
        ckpt.put("items", new ArrayList<>(List.of(1L, PyTuple.of(2L, "x"), PyTuple.of(), PyTuple.of(1L, 2L, 3L, 4L))));
        ckpt.put("flags", PyTuple.of(true, false, null));
        ckpt.put("model", sd);
        TorchSaveWriter.write(ckpt, out.resolve("nested.pt"));
    }
}
