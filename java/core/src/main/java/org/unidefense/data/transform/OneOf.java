package org.unidefense.data.transform;

import java.util.List;
import java.util.random.RandomGenerator;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * albumentations {@code OneOf}: with probability {@code p}, picks one child with chance
 * proportional to the child's own {@code p} and applies it unconditionally.
 */
public final class OneOf implements ImageTransform {
    private final List<ImageTransform> children;
    private final double[] cumulative;
    private final double p;

    public OneOf(List<ImageTransform> children, double p) {
        this.children = List.copyOf(children);
        this.p = p;
        this.cumulative = new double[children.size()];
        double total = children.stream().mapToDouble(ImageTransform::probability).sum();
        if (!(total > 0)) {
            throw new IllegalArgumentException("OneOf needs at least one child with p > 0");
        }
        double running = 0;
        for (int i = 0; i < cumulative.length; i++) {
            running += children.get(i).probability() / total;
            cumulative[i] = running;
        }
    }

    static OneOf fromParams(TransformParams params, TransformRegistry registry) {
        List<ImageTransform> children = registry.buildAll(params.where() + ".transforms",
                params.requireSpecList("transforms"));
        double p = params.getDouble("p", 0.5);
        if (!(p >= 0 && p <= 1)) {
            throw params.fail("p", "must be a probability in [0, 1], got " + p);
        }
        if (children.stream().allMatch(c -> c.probability() == 0)) {
            throw params.fail("transforms", "needs at least one child with p > 0 (children are picked by their p)");
        }
        return new OneOf(children, p);
    }

    @Override
    public Mat apply(Mat image, RandomGenerator random) {
        return random.nextDouble() < p ? applyForced(image, random) : image;
    }

    @Override
    public Mat applyForced(Mat image, RandomGenerator random) {
        double u = random.nextDouble();
        int pick = cumulative.length - 1;
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                pick = i;
                break;
            }
        }
        return children.get(pick).applyForced(image, random);
    }

    @Override
    public double probability() {
        return p;
    }
}
