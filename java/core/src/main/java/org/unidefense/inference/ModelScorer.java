package org.unidefense.inference;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.UserInputException;
import org.unidefense.data.transform.ChwImage;
import org.unidefense.model.UniDefenseModel;
import org.unidefense.tensor.DeviceSpec;
import org.unidefense.tensor.Placement;
import org.unidefense.tensor.Tensors;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import static org.bytedeco.pytorch.global.torch.softmax;

/**
 * The model in eval mode, scoring prepared faces in batches: softmax over the two classes, class 0
 * = real as in the reference's engines. One forward at a time (a lock): a libtorch module may be
 * called from several threads, but not safely while one of them changes its mode or device, and
 * two concurrent forwards on 2 cores only compete for the same intra-op threads.
 */
final class ModelScorer implements AutoCloseable {
    private final UniDefenseModel model;
    private final Device device;
    private final int batchSize;
    private final ReentrantLock lock = new ReentrantLock();

    /** @param device a resolved device ({@code cpu} or {@code cuda:N}, see {@link DeviceSpec#resolve}) */
    ModelScorer(UniDefenseModel model, DeviceSpec device, int batchSize) {
        if (batchSize < 1) {
            throw new UserInputException("batch size must be at least 1, found " + batchSize);
        }
        this.model = model;
        this.batchSize = batchSize;
        this.device = device.isCpu() ? null : device.toTorch();
        model.train(false);
        if (this.device != null) {
            model.to(this.device, false);
        }
    }

    UniDefenseModel model() {
        return model;
    }

    int batchSize() {
        return batchSize;
    }

    /** Probabilities {@code [i][0] = P(real)}, {@code [i][1] = P(attack)} of each face, in order. */
    float[][] score(List<ChwImage> faces) {
        float[][] out = new float[faces.size()][];
        for (int start = 0; start < faces.size(); start += batchSize) {
            List<ChwImage> chunk = faces.subList(start, Math.min(faces.size(), start + batchSize));
            float[] probs = forward(chunk);
            for (int i = 0; i < chunk.size(); i++) {
                out[start + i] = new float[]{probs[2 * i], probs[2 * i + 1]};
            }
        }
        return out;
    }

    private float[] forward(List<ChwImage> chunk) {
        ChwImage first = chunk.get(0);
        int per = first.data().length;
        float[] batch = new float[chunk.size() * per];
        for (int i = 0; i < chunk.size(); i++) {
            ChwImage c = chunk.get(i);
            if (c.channels() != first.channels() || c.height() != first.height() || c.width() != first.width()) {
                throw new IllegalStateException("faces of one batch differ in size: " + c.height() + "x" + c.width()
                        + " vs " + first.height() + "x" + first.width() + " (the test transforms must end in a Resize)");
            }
            c.copyInto(batch, i);
        }
        lock.lock();
        try (PointerScope scope = new PointerScope(); NoGradGuard g = new NoGradGuard()) {
            Tensor x = Tensors.fromFloats(batch, chunk.size(), first.channels(), first.height(), first.width());
            if (device != null) {
                x = Placement.toDevice(x, device);
            }
            Tensor logits = model.score(x); // the class logits of forward(x), without the training-only outputs
            if (logits.size(1) != 2) {
                throw new UserInputException("the model has " + logits.size(1) + " output classes; the detector needs "
                        + "2 (real, attack): set model.num_classes: 2");
            }
            return Tensors.toFloats(softmax(logits, 1).cpu().contiguous());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            model.close();
        } finally {
            lock.unlock();
        }
    }
}
