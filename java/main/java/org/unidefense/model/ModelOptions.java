package org.unidefense.model;

import org.unidefense.tensor.FftNorm;

/**
 * Constructor arguments of the reference models (the {@code model:} section of a config).
 * Null means "the model's own default" ({@code midDepth}, {@code imageSize}, {@code extractor}).
 *
 * @param extractorWeights path of pretrained backbone weights; recorded here, loaded by the caller
 */
public record ModelOptions(int numClasses, double dropRate, boolean bias, boolean affine, FftNorm freqNorm,
                           Integer midDepth, Integer imageSize, String extractor, String extractorWeights) {

    /** The reference's defaults: 2 classes, drop_rate 0.2, no bias, affine norms, ortho FFT norm. */
    public static ModelOptions defaults() {
        return new ModelOptions(2, 0.2, false, true, FftNorm.ORTHO, null, null, null, null);
    }

    public ModelOptions withNumClasses(int n) {
        return new ModelOptions(n, dropRate, bias, affine, freqNorm, midDepth, imageSize, extractor, extractorWeights);
    }

    public ModelOptions withDropRate(double p) {
        return new ModelOptions(numClasses, p, bias, affine, freqNorm, midDepth, imageSize, extractor, extractorWeights);
    }

    public ModelOptions withBias(boolean b) {
        return new ModelOptions(numClasses, dropRate, b, affine, freqNorm, midDepth, imageSize, extractor, extractorWeights);
    }

    public ModelOptions withAffine(boolean a) {
        return new ModelOptions(numClasses, dropRate, bias, a, freqNorm, midDepth, imageSize, extractor, extractorWeights);
    }

    public ModelOptions withFreqNorm(FftNorm n) {
        return new ModelOptions(numClasses, dropRate, bias, affine, n, midDepth, imageSize, extractor, extractorWeights);
    }

    public ModelOptions withMidDepth(Integer d) {
        return new ModelOptions(numClasses, dropRate, bias, affine, freqNorm, d, imageSize, extractor, extractorWeights);
    }

    public ModelOptions withImageSize(Integer s) {
        return new ModelOptions(numClasses, dropRate, bias, affine, freqNorm, midDepth, s, extractor, extractorWeights);
    }

    public ModelOptions withExtractor(String e) {
        return new ModelOptions(numClasses, dropRate, bias, affine, freqNorm, midDepth, imageSize, e, extractorWeights);
    }

    public ModelOptions withExtractorWeights(String w) {
        return new ModelOptions(numClasses, dropRate, bias, affine, freqNorm, midDepth, imageSize, extractor, w);
    }
}
