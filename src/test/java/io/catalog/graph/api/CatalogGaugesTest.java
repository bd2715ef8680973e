package io.catalog.graph.api;

import io.catalog.graph.storage.CatalogStatistics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog gauges while the database is down: the scrape still answers, the counts say they are unknown. */
class CatalogGaugesTest {

    @Test
    void aDatabaseThatCannotBeReachedGivesNaNAndTheScrapeGoesOn() throws IOException {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setServerNames(new String[] {"127.0.0.1"});
        unreachable.setPortNumbers(new int[] {freePort()}); // nothing listens there: connections are refused
        unreachable.setConnectTimeout(2);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new CatalogGauges(new CatalogStatistics(unreachable), Duration.ofSeconds(10)).bindTo(registry);

        String scrape = registry.scrape();

        assertThat(scrape).contains("catalog_locations{status=\"ok\",} NaN")
                .contains("catalog_locations{status=\"failed\",} NaN")
                .contains("catalog_refresh_lag_seconds NaN");
        assertThat(registry.get("catalog.locations").tag("status", "pending").gauge().value()).isNaN();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
