package io.catalog.graph.api;

import io.catalog.graph.processing.RefreshLoop;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /q/health/live}: the refresh loop runs. An instance whose loop has stopped serves a catalog that never
 * changes again, and only a restart brings the loop back. Deliberately not the database: an outage would otherwise
 * restart every replica at once, and readiness already takes them out of service.
 */
@Liveness
public class RefreshLoopCheck implements HealthCheck {

    private final RefreshLoop loop;

    public RefreshLoopCheck(RefreshLoop loop) {
        this.loop = loop;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("refresh-loop").status(loop.alive()).build();
    }
}
