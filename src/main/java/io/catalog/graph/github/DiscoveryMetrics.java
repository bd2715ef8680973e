package io.catalog.graph.github;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * What GitHub discovery costs and how it goes, per provider: {@code catalog_github_rate_limit_remaining{provider}}
 * (as the last answer said), {@code catalog_github_requests_total} and {@code catalog_github_not_modified_total}
 * (304s, free), {@code catalog_github_graphql_rate_limit_remaining} and {@code catalog_github_graphql_queries_total}
 * (GraphQL's own budget), and {@code catalog_github_scan_seconds{provider,status}} (its count is the number of scans
 * by status).
 */
@ApplicationScoped
public class DiscoveryMetrics {

    private final MeterRegistry registry;
    private final GitHubClients clients;

    public DiscoveryMetrics(MeterRegistry registry, GitHubClients clients) {
        this.registry = registry;
        this.clients = clients;
    }

    void register(@Observes StartupEvent started) {
        for (GitHubProviderSettings provider : clients.providers()) {
            RequestStats stats = clients.stats(provider.id());
            Tags tags = Tags.of("provider", provider.id());
            Gauge.builder("catalog.github.rate.limit.remaining", stats, s -> value(s.snapshot().rateLimitRemaining()))
                    .description("Requests GitHub still allows this provider until the reset, as its last answer said (NaN: none yet)")
                    .tags(tags).register(registry);
            registry.more().counter("catalog.github.requests", tags, stats, s -> s.snapshot().requests());
            registry.more().counter("catalog.github.not.modified", tags, stats, s -> s.snapshot().notModified());
            Gauge.builder("catalog.github.graphql.rate.limit.remaining", stats, s -> value(s.graphqlRemaining()))
                    .description("GraphQL points GitHub still allows this provider until the reset, as its last answer said (NaN: none yet)")
                    .tags(tags).register(registry);
            registry.more().counter("catalog.github.graphql.queries", tags, stats, RequestStats::graphqlQueries);
        }
    }

    void scanned(GitHubProviderSettings provider, String status, Duration took) {
        Timer.builder("catalog.github.scan").description("GitHub discovery scans by how they ended")
                .tags("provider", provider.id(), "status", status).register(registry).record(took);
    }

    private static double value(Long remaining) {
        return remaining == null ? Double.NaN : remaining;
    }
}
