package io.catalog.graph.model;

/** The annotations the catalog itself sets on entities (Backstage's names, so portals read them unchanged). */
public final class CatalogAnnotations {

    public static final String MANAGED_BY_LOCATION = "backstage.io/managed-by-location";
    public static final String MANAGED_BY_ORIGIN_LOCATION = "backstage.io/managed-by-origin-location";
    public static final String SOURCE_LOCATION = "backstage.io/source-location";
    /** Where a person reads the descriptor (its blob URL on GitHub). */
    public static final String VIEW_URL = "backstage.io/view-url";
    /** Where a person edits the descriptor (GitHub's {@code /edit/} form of its blob URL). */
    public static final String EDIT_URL = "backstage.io/edit-url";
    /** Set at read time on an entity whose location no longer declares it. */
    public static final String ORPHAN = "backstage.io/orphan";

    private CatalogAnnotations() {
    }
}
