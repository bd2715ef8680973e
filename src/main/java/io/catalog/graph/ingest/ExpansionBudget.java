package io.catalog.graph.ingest;

/**
 * Bytes of content one location may expand into: its file once YAML aliases are replaced by what they stand for,
 * plus every placeholder substitution. Aliases and placeholders reuse what was read, so without this a small input
 * could grow into a tree many times its size; one budget per location, not per piece, so pieces cannot add up.
 */
public final class ExpansionBudget {

    static final String KEY = "catalog.limits.max-expanded-bytes";

    private final long limit;
    private long spent;

    public ExpansionBudget(long limit) {
        this.limit = limit;
    }

    /** Spends {@code bytes}; false once the total passes the limit (and from then on). */
    public boolean spend(long bytes) {
        spent += bytes;
        return spent <= limit;
    }

    public long limit() {
        return limit;
    }

    /** The error for a location that spent more than its budget. */
    String exceeded() {
        return "the location's content expands to more than " + limit + " bytes once YAML aliases and placeholders are"
                + " replaced by what they stand for (" + KEY + ")";
    }
}
