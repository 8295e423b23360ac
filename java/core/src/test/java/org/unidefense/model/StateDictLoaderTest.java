package org.unidefense.model;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.unidefense.UserInputException;
import org.unidefense.model.nn.Classifier;
import org.unidefense.model.nn.IndexedSequential;
import org.unidefense.model.nn.Layers;
import org.unidefense.tensor.Tensors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateDictLoaderTest {
    /** A conv with bias, a BatchNorm (parameters and buffers) and a nested classifier. */
    private static IndexedSequential smallModule() {
        return new IndexedSequential()
                .add(Layers.conv2d(2, 3, 1, 1, 0, true))
                .add(Layers.batchNorm2d(3, true))
                .add(new Classifier(3, 2));
    }

    private static Map<String, Tensor> values(IndexedSequential m) {
        Map<String, Tensor> sd = new LinkedHashMap<>();
        int k = 0;
        for (Map.Entry<String, Tensor> e : StateDicts.of(m).entrySet()) {
            Tensor t = e.getValue();
            long n = t.numel();
            if (t.is_floating_point()) {
                float[] v = new float[(int) n];
                for (int i = 0; i < n; i++) {
                    v[i] = k * 100 + i;
                }
                sd.put(e.getKey(), Tensors.fromFloats(v, Tensors.shape(t)));
            } else {
                sd.put(e.getKey(), Tensors.fromLongs(new long[]{4321L + k}, Tensors.shape(t)));
            }
            k++;
        }
        return sd;
    }

    @Test
    void keysFollowPythonStateDictOrder() {
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked", "2.fc.weight", "2.fc.bias"), List.copyOf(StateDicts.of(smallModule()).keySet()));
    }

    @Test
    void loadsEveryTensorByName() {
        IndexedSequential m = smallModule();
        Map<String, Tensor> sd = values(m);
        StateDictLoader.load(m, sd);
        Map<String, Tensor> loaded = StateDicts.of(m);
        for (String key : sd.keySet()) {
            if (sd.get(key).is_floating_point()) {
                assertArrayEquals(Tensors.toFloats(sd.get(key)), Tensors.toFloats(loaded.get(key)), 0f, key);
            } else {
                assertArrayEquals(Tensors.toLongs(sd.get(key)), Tensors.toLongs(loaded.get(key)), key);
            }
        }
    }

    @Test
    void reportsMissingUnexpectedAndMisshapedKeysTogetherAndLoadsNothing() {
        IndexedSequential m = smallModule();
        float before = Tensors.toFloats(StateDicts.of(m).get("0.weight"))[0];
        Map<String, Tensor> sd = values(m);
        sd.remove("1.running_var");
        sd.put("2.fc.wieght", sd.remove("2.fc.weight"));
        sd.put("0.bias", Tensors.fromFloats(new float[4], 4));
        UserInputException e = assertThrows(UserInputException.class, () -> StateDictLoader.load(m, sd, "test.pth"));
        String msg = e.getMessage();
        assertTrue(msg.contains("test.pth"), msg);
        assertTrue(msg.contains("2 missing keys: 1.running_var, 2.fc.weight"), msg);
        assertTrue(msg.contains("1 unexpected keys: 2.fc.wieght"), msg);
        assertTrue(msg.contains("0.bias has shape [4], expected [3]"), msg);
        assertEquals(before, Tensors.toFloats(StateDicts.of(m).get("0.weight"))[0], "nothing copied on error");
    }

    @Test
    void rejectsFloatValuesForAnIntegerBuffer() {
        IndexedSequential m = smallModule();
        Map<String, Tensor> sd = values(m);
        sd.put("1.num_batches_tracked", Tensors.fromFloats(new float[]{1f}));
        UserInputException e = assertThrows(UserInputException.class, () -> StateDictLoader.load(m, sd));
        assertTrue(e.getMessage().contains("1.num_batches_tracked holds floating-point values, expected integer"),
                e.getMessage());
    }
}
