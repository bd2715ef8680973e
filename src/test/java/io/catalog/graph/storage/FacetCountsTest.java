package io.catalog.graph.storage;

import io.catalog.graph.testing.CatalogApi;
import io.catalog.graph.testing.CatalogTestResource;
import io.catalog.graph.testing.Workspace;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Facet counts kept on write agree with counting the search rows, whether the latest changes are folded yet or not:
 * after entities arrive, change and leave.
 */
@QuarkusTest
@QuarkusTestResource(CatalogTestResource.class)
class FacetCountsTest {

    private static final List<String> COUNTED = List.of("kind", "spec.type", "spec.lifecycle", "spec.owner", "metadata.tags");

    @Inject
    FacetCounts counts;
    @Inject
    EntityCounts entityCounts;
    @Inject
    DataSource dataSource;

    @Test
    void theCountsKeptOnWriteAreTheCountsOfTheCatalogBeforeAndAfterFolding() {
        assertThat(counts.counts(COUNTED)).isTrue();
        assertThat(counts.counts(List.of("metadata.name"))).as("names are not counted on write").isFalse();
        assertAgreesWithTheCatalog();

        Workspace ws = Workspace.create("facet-counts");
        ws.write("facets.yaml", components("counted-a", "counted-b", "counted-c"));
        String location = CatalogApi.registerFile(ws, "facets.yaml");
        await().atMost(Duration.ofSeconds(30)).until(() -> CatalogApi.entity("component", "counted-c") != null);
        assertAgreesWithTheCatalog();
        assertThat(facet("spec.type")).containsEntry("facet-counted-type", 3L);
        counts.fold();
        assertAgreesWithTheCatalog();

        ws.write("facets.yaml", components("counted-a") + typed("other-type", "counted-b", "counted-c"));
        CatalogApi.refresh("component:default/counted-a"); // re-reads the file it came from
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "other-type".equals(CatalogApi.entity("component", "counted-c").getString("spec.type")));
        assertThat(facet("spec.type")).containsEntry("facet-counted-type", 1L).containsEntry("other-type", 2L);
        assertAgreesWithTheCatalog();

        given().delete("/api/catalog/locations/{id}", location).then().statusCode(204);
        for (String name : List.of("counted-a", "counted-b", "counted-c")) {
            given().delete("/api/catalog/entities/by-uid/{uid}", CatalogApi.entity("component", name).getString("metadata.uid"))
                    .then().statusCode(204);
        }
        assertThat(facet("spec.type")).doesNotContainKeys("facet-counted-type", "other-type");
        assertAgreesWithTheCatalog();
        counts.fold();
        assertAgreesWithTheCatalog();
        assertThat(facet("spec.type")).doesNotContainKeys("facet-counted-type", "other-type");
    }

    @Test
    void aFacetNotCountedOnWriteOrAFilteredOneIsCountedWhenAsked() {
        Map<String, List<EntityCounts.FacetCount>> names = entityCounts.facets(List.of("metadata.name"), Predicate.MATCH_ALL);
        assertThat(names.get("metadata.name")).extracting(EntityCounts.FacetCount::value).contains("order-service");

        Predicate apis = Predicate.of(EntityFilter.parse(List.of("kind=api")));
        List<EntityCounts.FacetCount> apiKinds = entityCounts.facets(List.of("kind"), apis).get("kind");
        assertThat(apiKinds).extracting(EntityCounts.FacetCount::value).containsExactly("API");
    }

    @Test
    void aFilterOnOneCountedFieldIsCountedFromTheCountsAndAgreesWithTheRows() throws SQLException {
        for (String filter : List.of("kind=component", "kind=api,kind=component", "spec.type=service", "metadata.tags=java",
                "spec.lifecycle=production", "metadata.namespace=default", "kind=nothing-like-this")) {
            Predicate predicate = Predicate.of(EntityFilter.parse(List.of(filter)));
            if (filter.startsWith("kind=")) { // kinds are ASCII by validation; another test's values of other fields may not be
                try (Connection c = dataSource.getConnection()) {
                    assertThat(counts.entitiesMatching(c, predicate, 5)).as(filter).isPresent();
                }
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(entityCounts.count(new EntityQuery(EntityFilter.parse(List.of(filter)), List.of(), null, 0, null)))
                            .as(filter).isEqualTo(rows(predicate)));
        }
        for (String filter : List.of("metadata.tags=java,metadata.tags=go", "metadata.name=order-service", "kind=component,spec.type=service",
                "kind=component&kind=api", "spec.type=größe")) {
            try (Connection c = dataSource.getConnection()) {
                assertThat(counts.entitiesMatching(c, Predicate.of(EntityFilter.parse(List.of(filter.split("&")))), 5))
                        .as("%s: counted from the rows", filter).isEmpty();
            }
        }
    }

    @Test
    void aValueThatIsNotAsciiAmongAFieldsValuesHasTheRowsCounted() throws SQLException {
        Workspace ws = Workspace.create("facet-counts-unicode");
        ws.write("unicode.yaml", typed("Größe", "counted-unicode"));
        String location = CatalogApi.registerFile(ws, "unicode.yaml");
        await().atMost(Duration.ofSeconds(30)).until(() -> CatalogApi.entity("component", "counted-unicode") != null);
        Predicate services = Predicate.of(EntityFilter.parse(List.of("spec.type=service")));
        try (Connection c = dataSource.getConnection()) {
            assertThat(counts.entitiesMatching(c, services, 5)).isEmpty();
        }
        assertThat(entityCounts.count(new EntityQuery(EntityFilter.parse(List.of("spec.type=größe")), List.of(), null, 0, null))).isEqualTo(1);

        given().delete("/api/catalog/locations/{id}", location).then().statusCode(204);
        given().delete("/api/catalog/entities/by-uid/{uid}", CatalogApi.entity("component", "counted-unicode").getString("metadata.uid"))
                .then().statusCode(204);
    }

    /** Entities matching, counted from the rows. */
    private long rows(Predicate predicate) throws SQLException {
        SqlBuilder sql = new SqlBuilder();
        String text = "SELECT count(*) FROM entities e WHERE " + FilterSql.where(predicate, sql);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = sql.prepareForValues(c, text, 5);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The two countings are two reads, a moment apart: while the example catalog or the refresh loop writes in
     * between they may differ for that moment, so they are compared until the writes are over. A count that stays
     * wrong still fails.
     */
    private void assertAgreesWithTheCatalog() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(entityCounts.facets(COUNTED, Predicate.MATCH_ALL)).isEqualTo(countedNow()));
    }

    /** What the facets are, counted from the search rows now. */
    private Map<String, List<EntityCounts.FacetCount>> countedNow() throws SQLException {
        Map<String, List<EntityCounts.FacetCount>> byKey = new LinkedHashMap<>();
        COUNTED.forEach(key -> byKey.put(key, new ArrayList<>()));
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT key, original_value, count(*) FROM search WHERE key = ANY(?) AND original_value IS NOT NULL"
                        + " GROUP BY key, original_value ORDER BY 1, 2")) {
            s.setArray(1, c.createArrayOf("text", COUNTED.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byKey.get(rs.getString(1)).add(new EntityCounts.FacetCount(rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return byKey;
    }

    private Map<String, Long> facet(String key) {
        Map<String, Long> values = new LinkedHashMap<>();
        entityCounts.facets(List.of(key), Predicate.MATCH_ALL).get(key).forEach(f -> values.put(f.value(), f.count()));
        return values;
    }

    private static String components(String... names) {
        return typed("facet-counted-type", names);
    }

    private static String typed(String type, String... names) {
        StringBuilder yaml = new StringBuilder();
        for (String name : names) {
            yaml.append("---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ").append(name)
                    .append("\n  tags: [counted]\nspec:\n  type: ").append(type)
                    .append("\n  lifecycle: experimental\n  owner: group:counted-team\n");
        }
        return yaml.toString();
    }
}
