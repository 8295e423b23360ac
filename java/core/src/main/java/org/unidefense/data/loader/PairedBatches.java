package org.unidefense.data.loader;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One batch from each real and each fake stream per step, concatenated reals first (the
 * reference's {@code torch.cat([images_real, images_fake])}, targets likewise), as the forgery and
 * UniAttack engines train; OCIM passes one real and one fake stream per source domain and gets
 * {@code cat(real_1..real_k, fake_1..fake_k)}. Ends when any stream ends; with
 * {@link BatchLoader#forever} streams it never ends, each re-shuffling at its own epoch boundary.
 */
public final class PairedBatches implements Iterator<Batch>, AutoCloseable {
    private final List<Iterator<Batch>> streams;

    public PairedBatches(Iterator<Batch> real, Iterator<Batch> fake) {
        this(List.of(real), List.of(fake));
    }

    /** Real streams (in domain order), then fake streams (in domain order). */
    public PairedBatches(List<? extends Iterator<Batch>> real, List<? extends Iterator<Batch>> fake) {
        if (real.isEmpty() || fake.isEmpty()) {
            throw new IllegalArgumentException("pairing needs at least one real and one fake stream");
        }
        List<Iterator<Batch>> all = new ArrayList<>(real);
        all.addAll(fake);
        this.streams = List.copyOf(all);
    }

    @Override
    public boolean hasNext() {
        return streams.stream().allMatch(Iterator::hasNext);
    }

    @Override
    public Batch next() {
        Batch out = streams.get(0).next();
        for (int i = 1; i < streams.size(); i++) {
            out = concat(out, streams.get(i).next());
        }
        return out;
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

    /** Closes the streams that can be closed. */
    @Override
    public void close() throws Exception {
        for (Iterator<Batch> s : streams) {
            if (s instanceof AutoCloseable c) {
                c.close();
            }
        }
    }
}
