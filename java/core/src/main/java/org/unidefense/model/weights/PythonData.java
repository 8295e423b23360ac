package org.unidefense.model.weights;

import org.bytedeco.pytorch.Tensor;
import org.unidefense.checkpoint.LibtorchTensors;
import org.unidefense.checkpoint.PyTuple;
import org.unidefense.checkpoint.StoredTensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the Java values a trainer hands to a checkpoint (numbers, strings, lists, maps, and
 * libtorch tensors such as optimizer moments) into values the {@code torch.save} writer takes.
 */
final class PythonData {
    private PythonData() {
    }

    /** Libtorch tensors become stored copies; containers are converted deeply; anything else is kept. */
    static Object of(Object v) {
        if (v instanceof Tensor t) {
            return LibtorchTensors.fromTensor(t);
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, val) -> out.put(k, of(val)));
            return out;
        }
        if (v instanceof PyTuple t) {
            return new PyTuple(t.items().stream().map(PythonData::of).toList());
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(of(x)));
            return out;
        }
        if (v instanceof StoredTensor || v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        throw new IllegalArgumentException("cannot store a " + v.getClass().getName() + " in a checkpoint");
    }
}
