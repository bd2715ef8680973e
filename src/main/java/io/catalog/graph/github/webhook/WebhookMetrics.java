package io.catalog.graph.github.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Set;

/**
 * {@code catalog_github_webhook_deliveries_total{event,outcome}}: deliveries received and how they were answered
 * (accepted, duplicate, pong, unauthenticated, too-large, invalid); {@code catalog_github_webhook_processed_total{event,outcome}}:
 * how processing ended (done, ignored, retried, failed); {@code catalog_github_webhook_lag_seconds{event}}: from
 * receipt to processed, the part of "push to served" that is ours before the location is read.
 */
@ApplicationScoped
public class WebhookMetrics {

    /** Event tags are these or {@code other}: the header is the sender's to choose, the tag's values are not. */
    private static final Set<String> EVENTS = Set.of("ping", "push", "repository", "organization", "team", "membership",
            "member", "installation", "installation_repositories");

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void received(String event, String outcome) {
        Counter.builder("catalog.github.webhook.deliveries").description("GitHub webhook deliveries received, by how they were answered")
                .tag("event", tag(event)).tag("outcome", outcome).register(registry).increment();
    }

    public void processed(String event, String outcome, Duration lag) {
        Counter.builder("catalog.github.webhook.processed").description("GitHub webhook deliveries processed, by how processing ended")
                .tag("event", tag(event)).tag("outcome", outcome).register(registry).increment();
        if (!outcome.equals("retried")) {
            Timer.builder("catalog.github.webhook.lag").description("From a delivery's receipt to the end of its processing")
                    .tag("event", tag(event)).register(registry).record(lag.isNegative() ? Duration.ZERO : lag);
        }
    }

    static String tag(String event) {
        return event != null && EVENTS.contains(event) ? event : "other";
    }
}
