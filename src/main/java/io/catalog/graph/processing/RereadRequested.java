package io.catalog.graph.processing;

/**
 * Someone asked for a location to be read again now (a refresh by hand): a source that serves what it read before
 * without asking (GitHub's descriptors kept from a scan) asks again. Fired synchronously, before the read.
 *
 * @param target the location's target, as registered
 */
public record RereadRequested(String target) {
}
