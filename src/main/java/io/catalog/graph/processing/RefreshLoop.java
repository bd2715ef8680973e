package io.catalog.graph.processing;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** The loop every instance runs: drain the locations that are due, then wait for the next poll. */
@ApplicationScoped
public class RefreshLoop {

    private final RefreshService refresh;

    public RefreshLoop(RefreshService refresh) {
        this.refresh = refresh;
    }

    @Scheduled(every = "${catalog.refresh.poll-interval:1s}", delayed = "${catalog.refresh.initial-delay:0s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        while (refresh.refreshDue() > 0) {
            // keep draining: a first load or a burst of webhooks should not wait a poll interval per batch
        }
    }
}
