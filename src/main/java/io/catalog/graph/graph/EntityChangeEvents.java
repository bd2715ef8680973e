package io.catalog.graph.graph;

import io.catalog.graph.storage.EntitiesChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * The {@code entity-changes} channel: after a transaction that wrote graph change rows commits, a message (the
 * number of rows) goes out; whoever receives it wakes its projector. In memory by default; over a broker (Kafka) when
 * configured with {@code mp.messaging.*} keys (docs/graph.md), so every replica's projector wakes. The
 * message is only a hint: losing one delays the projection by at most one poll interval, the rows stay the truth.
 */
@ApplicationScoped
public class EntityChangeEvents {

    private static final Logger LOG = Logger.getLogger(EntityChangeEvents.class);
    public static final String CHANNEL = "entity-changes";

    private final Emitter<Integer> emitter;
    private final ProjectionLoop loop;

    public EntityChangeEvents(@Channel(CHANNEL) @OnOverflow(OnOverflow.Strategy.DROP) Emitter<Integer> emitter,
                              ProjectionLoop loop) {
        this.emitter = emitter;
        this.loop = loop;
    }

    /** After the commit only: woken before it, the projector would find nothing to read yet. */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) EntitiesChanged changed) {
        try {
            emitter.send(changed.count());
        } catch (RuntimeException e) { // a full or closed channel: the poll finds the rows anyway
            LOG.debugf("entity-change event not sent (%s); the projector polls", e.getMessage());
        }
    }

    @Incoming(CHANNEL)
    public void received(Integer count) {
        loop.wake();
    }
}
