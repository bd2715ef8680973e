package io.catalog.graph.api;

import io.catalog.graph.processing.CatalogReadiness;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready}: the database answers and the catalog finished its first load. */
@Readiness
public class CatalogLoadedCheck implements HealthCheck {

    private final CatalogReadiness readiness;

    public CatalogLoadedCheck(CatalogReadiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("catalog-loaded").status(readiness.ready()).build();
    }
}
