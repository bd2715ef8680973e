package io.catalog.graph.processing;

import java.util.concurrent.Semaphore;

/**
 * The refresh workers' slots: one per location being processed, at most {@code total}, and fewer when the caller
 * asks for a lower limit (while the instance serves reads). Taken by the refresh loop's one thread, given back by
 * the workers as they finish.
 */
final class WorkerSlots {

    private final int total;
    private final Semaphore free;

    WorkerSlots(int total) {
        this.total = Math.max(1, total);
        this.free = new Semaphore(this.total);
    }

    int total() {
        return total;
    }

    /**
     * Waits until fewer than {@code limit} locations are in processing (a limit is at least 1 and at most the total),
     * then takes every slot that keeps the processing at or under the limit; returns how many (at least 1). A
     * location already running when the limit dropped finishes; only new work waits.
     */
    int take(int limit) throws InterruptedException {
        int heldBack = total - Math.max(1, Math.min(limit, total));
        free.acquire(heldBack + 1);
        int taken = heldBack + 1 + free.drainPermits();
        free.release(heldBack);
        return taken - heldBack;
    }

    /** Slots taken now: locations in processing (and, for a moment, slots the loop is taking). */
    int inUse() {
        return total - free.availablePermits();
    }

    void release(int slots) {
        if (slots > 0) {
            free.release(slots);
        }
    }

    /** Waits until every slot is free: whatever was taken has been given back. */
    void awaitAllFree() throws InterruptedException {
        free.acquire(total);
        free.release(total);
    }
}
