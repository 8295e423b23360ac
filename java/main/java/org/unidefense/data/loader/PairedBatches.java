package org.unidefense.data.loader;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One real and one fake batch per step, concatenated real first (the reference's
 * {@code torch.cat([images_real, images_fake])} with targets likewise), as the forgery and
 * UniAttack engines train. Ends when either side ends; with two {@link BatchLoader#forever} streams
 * it never ends, each side re-shuffling at its own epoch boundary.
 */
public final class PairedBatches implements Iterator<Batch>, AutoCloseable {
    private final Iterator<Batch> real;
    private final Iterator<Batch> fake;

    public PairedBatches(Iterator<Batch> real, Iterator<Batch> fake) {
        this.real = real;
        this.fake = fake;
    }

    @Override
    public boolean hasNext() {
        return real.hasNext() && fake.hasNext();
    }

    @Override
    public Batch next() {
        return concat(real.next(), fake.next());
    }

    /** {@code first} then {@code second} in one batch; images must have the same size. */
    public static Batch concat(Batch first, Batch second) {
        if (first.channels() != second.channels() || first.height() != second.height()
                || first.width() != second.width()) {
            throw new IllegalArgumentException("cannot concatenate " + first.channels() + "x" + first.height() + "x"
                    + first.width() + " images with " + second.channels() + "x" + second.height() + "x"
                    + second.width() + " images; give both splits the same final Resize");
        }
        float[] images = new float[first.images().length + second.images().length];
        System.arraycopy(first.images(), 0, images, 0, first.images().length);
        System.arraycopy(second.images(), 0, images, first.images().length, second.images().length);
        long[] labels = new long[first.size() + second.size()];
        System.arraycopy(first.labels(), 0, labels, 0, first.size());
        System.arraycopy(second.labels(), 0, labels, first.size(), second.size());
        return new Batch(images, first.size() + second.size(), first.channels(), first.height(), first.width(),
                labels, join(first.samples(), second.samples()), first.epoch());
    }

    private static <T> List<T> join(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Override
    public void close() throws Exception {
        if (real instanceof AutoCloseable c) {
            c.close();
        }
        if (fake instanceof AutoCloseable c) {
            c.close();
        }
    }
}
