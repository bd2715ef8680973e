package io.catalog.graph.app;

import org.eclipse.microprofile.config.Config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether this start is the one-command local mode (embedded PostgreSQL, open writes, loopback readable; and,
 * independently, an embedded Neo4j unless {@code quarkus.neo4j.uri} is set), decided from the whole
 * configuration Quarkus will run with: system properties, environment, {@code .env}, {@code application.properties}
 * in the jar and in {@code ./config}, {@code quarkus.config.locations}, and profile keys ({@code %prod.…}).
 *
 * <p>A key counts as set when any source sets it, even to an empty value: a secret that failed to arrive must give
 * an error, never a silent local mode.
 */
public record LocalMode(boolean embeddedDatabase, boolean openWrites, boolean loopbackReads, boolean embeddedGraph) {

    static final List<String> DATASOURCE_KEYS = List.of("quarkus.datasource.jdbc.url", "quarkus.datasource.reactive.url",
            "quarkus.datasource.username", "quarkus.datasource.password");
    static final List<String> AUTH_KEYS = List.of("catalog.auth.tokens", "catalog.auth.open-writes");
    static final String NEO4J_URI = "quarkus.neo4j.uri";
    static final String ALLOWED_HOSTS = "catalog.reading.allowed-hosts";
    /** On one laptop, a descriptor served by a local dev server is the point; everywhere else loopback is refused. */
    static final String LOCAL_ALLOWED_HOSTS = "*,localhost,127.0.0.1";

    public static LocalMode of(Config config) {
        boolean embedded = DATASOURCE_KEYS.stream().noneMatch(key -> isSet(config, key));
        return new LocalMode(embedded, embedded && AUTH_KEYS.stream().noneMatch(key -> isSet(config, key)),
                embedded && !isSet(config, ALLOWED_HOSTS), !isSet(config, NEO4J_URI));
    }

    /** The settings the local mode adds, given the embedded servers' addresses (null for one not started). */
    public Map<String, String> settings(String jdbcUrl, String boltUri) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (embeddedDatabase) {
            settings.put("quarkus.datasource.jdbc.url", jdbcUrl);
            settings.put("quarkus.datasource.username", "postgres");
            settings.put("quarkus.datasource.password", "postgres");
        }
        if (openWrites) {
            settings.put("catalog.auth.open-writes", "true");
        }
        if (embeddedGraph) {
            settings.put(NEO4J_URI, boltUri);
            settings.put("quarkus.neo4j.authentication.disabled", "true");
        }
        if (loopbackReads) {
            settings.put(ALLOWED_HOSTS, LOCAL_ALLOWED_HOSTS);
        }
        return settings;
    }

    private static boolean isSet(Config config, String key) {
        return config.getConfigValue(key).getSourceName() != null;
    }
}
