package io.catalog.graph.storage;

import java.time.Duration;

/**
 * What a claim on a location is taken with: the claiming instance's name (kept on the location as
 * {@code claimed_by}) and how long the claim holds before another instance may take it over.
 */
public record Lease(String holder, Duration length) {
}
