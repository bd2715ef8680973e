package io.catalog.graph.app;

import java.time.Duration;

/**
 * The thread of a background loop (refresh, graph projection, GitHub discovery, webhook deliveries): started once,
 * asked to stop on shutdown (interrupted, then waited for a bounded time so shutdown never hangs on it).
 */
public final class LoopThread {

    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final String name;
    private volatile boolean running;
    private volatile Thread thread;

    public LoopThread(String name) {
        this.name = name;
    }

    /** Starts {@code loop} on a daemon thread; the loop goes on while {@link #running()}. */
    public void start(Runnable loop) {
        running = true;
        Thread started = new Thread(loop, name);
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    /** Whether the loop should go on: false once stopping. */
    public boolean running() {
        return running;
    }

    /** Started, not stopping, and its thread still alive (a loop ends only on shutdown). */
    public boolean alive() {
        Thread current = thread;
        return running && current != null && current.isAlive();
    }

    public void stop() throws InterruptedException {
        running = false;
        Thread current = thread;
        if (current != null) {
            current.interrupt();
            current.join(STOP_WAIT.toMillis());
        }
    }
}
