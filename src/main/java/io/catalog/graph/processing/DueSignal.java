package io.catalog.graph.processing;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** Tells this instance's refresh loop that something became due, so it need not wait for its next poll. */
@ApplicationScoped
public class DueSignal {

    private static final Object DUE = new Object();
    private final BlockingQueue<Object> pending = new ArrayBlockingQueue<>(1);

    public void signal() {
        pending.offer(DUE);
    }

    /** Waits until signalled or until {@code timeout} passes. */
    void await(Duration timeout) throws InterruptedException {
        pending.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
