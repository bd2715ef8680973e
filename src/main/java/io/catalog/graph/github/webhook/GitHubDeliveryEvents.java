package io.catalog.graph.github.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * The {@code github-deliveries} channel: once a delivery's row is committed its id goes out, and whoever receives it
 * wakes its delivery loop. In memory by default; over a broker when configured with {@code mp.messaging.*} keys, so
 * any replica may pick it up. Only a hint, like {@code entity-changes}: a lost message delays processing by at most
 * one {@code catalog.github.webhook-poll-interval}, the row is the truth.
 */
@ApplicationScoped
public class GitHubDeliveryEvents {

    private static final Logger LOG = Logger.getLogger(GitHubDeliveryEvents.class);
    public static final String CHANNEL = "github-deliveries";

    private final Emitter<String> emitter;
    private final DeliveryLoop loop;

    public GitHubDeliveryEvents(@Channel(CHANNEL) @OnOverflow(OnOverflow.Strategy.DROP) Emitter<String> emitter, DeliveryLoop loop) {
        this.emitter = emitter;
        this.loop = loop;
    }

    /** Call after the delivery's row is committed. */
    public void stored(String deliveryId) {
        try {
            emitter.send(deliveryId);
        } catch (RuntimeException e) { // a full or closed channel: the poll finds the row anyway
            LOG.debugf("github-deliveries event not sent (%s); the delivery loop polls", e.getMessage());
        }
    }

    @Incoming(CHANNEL)
    public void received(String deliveryId) {
        loop.wake();
    }
}
