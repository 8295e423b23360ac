package org.unidefense.data.loader;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Batches in sampler order, loaded ahead by worker threads. At most {@code prefetch} batches beyond
 * the ones already returned by {@link #next()} are ever requested from the workers, so reading
 * never runs further ahead than that however slow the consumer is. Close it to drop queued work
 * (e.g. when leaving an epoch early).
 */
public final class BatchStream implements Iterator<Batch>, AutoCloseable {
    private final Iterator<BatchPlan> plans;
    private final SampleLoader loader;
    private final ExecutorService workers;
    private final int prefetch;
    private final Deque<BatchAssembly> pending = new ArrayDeque<>();
    private volatile boolean closed;

    BatchStream(Iterator<BatchPlan> plans, SampleLoader loader, ExecutorService workers, int prefetch) {
        this.plans = plans;
        this.loader = loader;
        this.workers = workers;
        this.prefetch = prefetch;
        topUp();
    }

    @Override
    public boolean hasNext() {
        return !closed && (!pending.isEmpty() || plans.hasNext());
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more batches");
        }
        if (pending.isEmpty()) {
            submit(plans.next());
        }
        BatchAssembly head = pending.poll();
        topUp();
        if (workers == null) {
            loadAll(head);
        }
        try {
            return head.result().get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        pending.forEach(a -> a.result().cancel(false));
        pending.clear();
    }

    private void topUp() {
        while (pending.size() < prefetch && plans.hasNext()) {
            submit(plans.next());
        }
    }

    private void submit(BatchPlan plan) {
        BatchAssembly assembly = new BatchAssembly(plan, loader.split());
        pending.add(assembly);
        if (workers == null) {
            return; // loaded in the caller's thread when it is taken
        }
        for (int slot = 0; slot < plan.indices().length; slot++) {
            int s = slot;
            try {
                workers.execute(() -> loadSlot(assembly, s));
            } catch (RejectedExecutionException e) {
                assembly.fail(new IllegalStateException("the batch loader was closed", e));
            }
        }
    }

    private void loadAll(BatchAssembly assembly) {
        for (int slot = 0; slot < assembly.plan().indices().length && !assembly.result().isDone(); slot++) {
            loadSlot(assembly, slot);
        }
    }

    private void loadSlot(BatchAssembly assembly, int slot) {
        if (closed || assembly.result().isDone()) {
            return;
        }
        try {
            BatchPlan plan = assembly.plan();
            assembly.put(slot, loader.load(plan.indices()[slot], plan.epoch()));
        } catch (Throwable t) {
            assembly.fail(t);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof CompletionException c && c.getCause() != null) {
            cause = c.getCause();
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}
