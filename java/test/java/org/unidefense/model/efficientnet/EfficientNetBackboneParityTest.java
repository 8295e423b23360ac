package org.unidefense.model.efficientnet;

import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.unidefense.tensor.Tensors;
import org.unidefense.testing.Fixture;
import org.unidefense.testing.FixtureTensor;

import java.util.Map;

import static org.bytedeco.pytorch.global.torch.set_num_threads;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scratch: backbone stages against the A_udeb4 intermediates. */
class EfficientNetBackboneParityTest {
    private static final Fixture FIX = Fixture.of("A_udeb4");
    private static EfficientNetBackbone net;

    @BeforeAll
    static void load() {
        set_num_threads(2);
        net = EfficientNetBackbone.of(GlobalParams.of("efficientnet-b4").withImageSize(128).withFreqNorm("ortho"));
        Map<String, FixtureTensor> sd = FIX.stateDict("weights");
        try (NoGradGuard g = new NoGradGuard()) {
            copy(net.named_parameters(), sd);
            copy(net.named_buffers(), sd);
        }
        net.eval();
    }

    private static void copy(StringTensorDict dict, Map<String, FixtureTensor> sd) {
        for (long i = 0; i < dict.size(); i++) {
            String key = dict.get(i).key().getString();
            FixtureTensor src = sd.get("backbone." + key);
            assertTrue(src != null, key);
            dict.get(i).value().copy_(src.toTensor());
        }
    }

    @AfterAll
    static void free() {
        net.close();
    }

    private static void near(String name, Tensor actual) {
        float[] exp = FIX.floats(name);
        float[] act = Tensors.toFloats(actual);
        assertArrayEquals(FIX.shape(name), Tensors.shape(actual), name);
        double worst = 0;
        for (int i = 0; i < exp.length; i++) {
            double excess = Math.abs(act[i] - exp[i]) - (5e-4 + 1e-3 * Math.abs(exp[i]));
            worst = Math.max(worst, Math.abs(act[i] - exp[i]));
            assertTrue(excess <= 0, name + "[" + i + "] " + act[i] + " vs " + exp[i]);
        }
        System.out.println(name + " max abs diff " + worst);
    }

    @Test
    void stagesMatchTheReference() {
        try (NoGradGuard g = new NoGradGuard()) {
            Tensor x = Tensors.fromFloats(FIX.floats("input"), FIX.shape("input"));
            Tensor b1 = net.blocks(net.stem(x), 0, 6);
            Tensor b2 = net.blocks(b1, 6, 10);
            near("inter_x_b2", b2);
            Tensor b3 = net.blocks(b2, 10, 16);
            near("inter_x_b3", b3);
            Tensor b4 = net.blocks(b3, 16, 22);
            near("inter_x_b4", b4);
            near("inter_x_b5", net.blocks(b4, 22, 30));
            Tensor att = Tensors.fromFloats(FIX.floats("inter_attention_out"), FIX.shape("inter_attention_out"));
            near("inter_x_b6", net.blocks(att, 30, 32));
        }
    }
}
