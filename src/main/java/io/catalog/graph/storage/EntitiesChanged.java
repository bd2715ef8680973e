package io.catalog.graph.storage;

/**
 * Fired (as a CDI event) when change rows for the graph were written; observers that want to act only once the
 * rows are visible observe it after the transaction succeeds. A hint, never the data: the rows are.
 *
 * @param count how many change rows the write added
 */
public record EntitiesChanged(int count) {
}
