package io.catalog.graph.app;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalModeTest {

    @Test
    void nothingConfiguredMeansEmbeddedDatabaseAndOpenWrites() {
        LocalMode mode = LocalMode.of(config("prod", Map.of()));
        assertThat(mode).isEqualTo(new LocalMode(true, true, true, true));
        assertThat(mode.settings("jdbc:postgresql://localhost:15432/postgres", "bolt://127.0.0.1:17687"))
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:15432/postgres")
                .containsEntry("catalog.auth.open-writes", "true")
                .containsEntry("catalog.reading.allowed-hosts", "*,localhost,127.0.0.1")
                .containsEntry("quarkus.neo4j.uri", "bolt://127.0.0.1:17687");
    }

    @Test
    void aDatasourceFromAnySourceOrProfileKeyMeansNoLocalMode() {
        assertThat(LocalMode.of(config("prod", Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/catalog"))))
                .isEqualTo(new LocalMode(false, false, false, true));
        assertThat(LocalMode.of(config("prod", Map.of("%prod.quarkus.datasource.jdbc.url", "jdbc:postgresql://db/catalog"))))
                .isEqualTo(new LocalMode(false, false, false, true));
        assertThat(LocalMode.of(config("prod", Map.of("quarkus.datasource.username", "catalog"))))
                .as("a half-configured datasource is an error at start, not a local database").isEqualTo(new LocalMode(false, false, false, true));
    }

    @Test
    void aDatasourceSetButEmptyIsStillConfigured() {
        assertThat(LocalMode.of(config("prod", Map.of("quarkus.datasource.jdbc.url", "")))).isEqualTo(new LocalMode(false, false, false, true));
    }

    @Test
    void anyTokenSettingEvenBlankKeepsWritesClosedLocally() {
        assertThat(LocalMode.of(config("prod", Map.of("catalog.auth.tokens", "")))).isEqualTo(new LocalMode(true, false, true, true));
        assertThat(LocalMode.of(config("prod", Map.of("catalog.auth.tokens", "local-token")))).isEqualTo(new LocalMode(true, false, true, true));
        assertThat(LocalMode.of(config("prod", Map.of("catalog.auth.open-writes", "false")))).isEqualTo(new LocalMode(true, false, true, true));
    }

    @Test
    void anOperatorsAllowListIsKeptAsWritten() {
        LocalMode mode = LocalMode.of(config("prod", Map.of("catalog.reading.allowed-hosts", "raw.githubusercontent.com")));
        assertThat(mode).isEqualTo(new LocalMode(true, true, false, true));
        assertThat(mode.settings("jdbc:x", "bolt://x")).doesNotContainKey("catalog.reading.allowed-hosts");
    }

    @Test
    void aConfiguredNeo4jIsUsedAndNothingIsEmbeddedForTheGraph() {
        LocalMode mode = LocalMode.of(config("prod", Map.of("quarkus.neo4j.uri", "bolt://graph:7687")));
        assertThat(mode.embeddedGraph()).isFalse();
        assertThat(mode.settings("jdbc:x", null)).doesNotContainKey("quarkus.neo4j.uri");
        assertThat(LocalMode.of(config("prod", Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/c"))).embeddedGraph())
                .as("the graph's default does not depend on the database's").isTrue();
    }

    @Test
    void aKeyOfAnotherProfileDoesNotCount() {
        assertThat(LocalMode.of(config("prod", Map.of("%test.quarkus.datasource.jdbc.url", "jdbc:postgresql://db/catalog"))))
                .isEqualTo(new LocalMode(true, true, true, true));
    }

    private static SmallRyeConfig config(String profile, Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withProfile(profile).addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(properties, "application.properties", 250)).build();
    }
}
