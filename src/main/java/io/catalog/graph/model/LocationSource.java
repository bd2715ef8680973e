package io.catalog.graph.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a location came to be read: registered from configuration or the API, found by a provider (GitHub discovery),
 * or declared by a Location entity.
 */
public enum LocationSource {
    CONFIG("config"),
    API("api"),
    ENTITY("entity"),
    PROVIDER("provider");

    private final String column;

    LocationSource(String column) {
        this.column = column;
    }

    /** The value stored in {@code locations.source}, and shown in JSON. */
    @JsonValue
    public String column() {
        return column;
    }

    /** Registered locations stand for themselves with a generated Location entity and are listed by the API. */
    public boolean registered() {
        return this != ENTITY;
    }

    /** Listed and managed through {@code /api/catalog/locations}; a provider's locations are its own business. */
    public boolean listed() {
        return this == CONFIG || this == API;
    }

    /** Read again when their provider sees a change (a scan or a webhook), not on the refresh loop's timer. */
    public boolean providerDriven() {
        return this == PROVIDER;
    }

    public static LocationSource ofColumn(String value) {
        for (LocationSource source : values()) {
            if (source.column.equals(value)) {
                return source;
            }
        }
        throw new IllegalArgumentException("unknown location source '" + value + "'");
    }
}
