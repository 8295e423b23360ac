package org.unidefense.model.recce;

import org.bytedeco.pytorch.Tensor;

/**
 * The random numbers a train-mode RECCE forward draws: which samples get white noise, the
 * noise itself, and the masks of its four dropout calls. A trainer draws them from a seeded
 * generator ({@link SeededRecceDraws}); a parity test scripts them as the reference run did.
 * Every tensor returned has the dtype and device of the tensor it is drawn for.
 */
public interface RecceDraws {
    /** torch.rand([B,1,1,1]): a sample is noised where its value exceeds 0.5. */
    Tensor noiseSelection(Tensor input);

    /** torch.normal(0, std, size=input.shape). */
    Tensor whiteNoise(Tensor input, double std);

    /**
     * A dropout mask for the {@code module}'s next call on {@code like}: 1/(1-p) where kept, 0
     * elsewhere. {@code module} is the reference's module name ({@code dropout},
     * {@code reasoning.reproject.3}, {@code attention.dropout}); {@code dropout} is called twice
     * per forward, on the block4 embedding and on the pooled features.
     */
    Tensor dropoutMask(String module, Tensor like, double p);
}
