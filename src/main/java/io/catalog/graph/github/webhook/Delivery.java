package io.catalog.graph.github.webhook;

import java.time.Instant;

/**
 * One stored delivery, as claimed for processing.
 *
 * @param attempts how many times it has been claimed, this claim included
 */
public record Delivery(String id, String event, Instant receivedAt, byte[] payload, int attempts) {
}
