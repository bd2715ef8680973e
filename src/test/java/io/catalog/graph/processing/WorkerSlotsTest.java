package io.catalog.graph.processing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkerSlotsTest {

    @Test
    void withoutALowerLimitEveryFreeSlotIsTakenAtOnce() throws Exception {
        WorkerSlots slots = new WorkerSlots(3);

        assertThat(slots.take(3)).isEqualTo(3);
    }

    @Test
    void underALimitOfOneASecondLocationWaitsUntilTheFirstIsDone() throws Exception {
        WorkerSlots slots = new WorkerSlots(3);
        assertThat(slots.take(1)).isEqualTo(1);

        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> take(slots, 1));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());

        slots.release(1);
        assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    }

    @Test
    void underALimitOnlyTheSlotsThatKeepProcessingAtTheLimitAreTaken() throws Exception {
        WorkerSlots slots = new WorkerSlots(4);
        assertThat(slots.take(4)).isEqualTo(4);
        slots.release(3); // one location still in processing

        assertThat(slots.take(2)).as("one running, a limit of two: one more").isEqualTo(1);
    }

    @Test
    void whenTheLimitIsLiftedTheSlotsHeldBackAreTaken() throws Exception {
        WorkerSlots slots = new WorkerSlots(3);
        assertThat(slots.take(1)).isEqualTo(1);

        assertThat(slots.take(3)).as("one running, no limit: the other two").isEqualTo(2);
    }

    @Test
    void aLimitOutsideOneToTheTotalIsClampedToIt() throws Exception {
        assertThat(new WorkerSlots(3).take(0)).isEqualTo(1);
        assertThat(new WorkerSlots(3).take(10)).isEqualTo(3);
    }

    @Test
    void waitingForAllFreeLastsUntilEverySlotIsBack() throws Exception {
        WorkerSlots slots = new WorkerSlots(2);
        int taken = slots.take(2);
        CompletableFuture<Void> idle = CompletableFuture.runAsync(() -> {
            try {
                slots.awaitAllFree();
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !idle.isDone());

        slots.release(taken);
        idle.get(5, TimeUnit.SECONDS);
        assertThat(slots.take(2)).as("nothing kept by the wait").isEqualTo(2);
    }

    private static int take(WorkerSlots slots, int limit) {
        try {
            return slots.take(limit);
        } catch (InterruptedException e) {
            throw new CompletionException(e);
        }
    }
}
