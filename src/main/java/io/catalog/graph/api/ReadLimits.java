package io.catalog.graph.api;

import io.catalog.graph.app.CatalogConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The bounds on one read request ({@code catalog.limits.*}): page sizes are cut to the largest page, while too many
 * facets, order fields or refs are refused, since cutting those would silently answer a different question.
 */
@ApplicationScoped
public class ReadLimits {

    private final CatalogConfig.Limits limits;

    public ReadLimits(CatalogConfig config) {
        this.limits = config.limits();
    }

    /** The page size for a requested {@code limit}: {@code defaultSize} when none, never above max-page-size. */
    int pageSize(Long requested, int defaultSize) {
        return (int) Math.min(requested == null ? defaultSize : requested, limits.maxPageSize());
    }

    int streamPageSize() {
        return Math.max(1, Math.min(limits.streamPageSize(), limits.maxPageSize()));
    }

    /** An offset beyond any catalog's size skips everything, as the largest int does. */
    static int offset(Long requested) {
        return requested == null ? 0 : (int) Math.min(requested, Integer.MAX_VALUE);
    }

    void checkFacets(int count) {
        check(count, limits.maxFacets(), "facets", "max-facets");
    }

    void checkOrderFields(int count) {
        check(count, limits.maxOrderFields(), "order fields", "max-order-fields");
    }

    void checkRefs(int count) {
        check(count, limits.maxRefs(), "entity refs", "max-refs");
    }

    private static void check(int count, int max, String what, String key) {
        if (count > max) {
            throw ApiException.badRequest("Too many " + what + ": " + count + " asked, at most " + max
                    + " per request (catalog.limits." + key + ")");
        }
    }
}
