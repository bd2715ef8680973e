package io.catalog.graph.processing;

import io.catalog.graph.model.CatalogAnnotations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.Relation;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EntityProcessorTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final LocationSpec LOCATION = LocationSpec.parse("url:https://example.com/repo/systems/catalog-info.yaml");
    private static final String ORIGIN = "url:https://example.com/repo/catalog-info.yaml";

    private final EntityProcessor processor = new EntityProcessor(new ObjectMapper());

    private static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String SERVICE = """
            apiVersion: backstage.io/v1alpha1
            kind: Component
            metadata:
              name: orders
            spec:
              type: service
              lifecycle: production
              owner: orders-team
              system: order-management
            """;

    private EntityProcessor.Outcome process(String yaml) {
        return processor.process(yaml(yaml), LOCATION, ORIGIN, 7);
    }

    private ObjectNode accepted(String yaml) {
        EntityProcessor.Outcome outcome = process(yaml);
        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.accepted()).isTrue();
        return outcome.entity().body();
    }

    @Nested
    class Completion {

        @Test
        void theNamespaceDefaultsToDefault() {
            EntityProcessor.Outcome outcome = process(SERVICE);

            assertThat(outcome.entity().body().at("/metadata/namespace").asText()).isEqualTo("default");
            assertThat(outcome.ref()).isEqualTo(new EntityRef("component", "default", "orders"));
            assertThat(outcome.entity().ref()).isEqualTo(outcome.ref());
        }

        @Test
        void aGivenNamespaceIsKept() {
            ObjectNode body = accepted(SERVICE.replace("  name: orders\n", "  name: orders\n  namespace: sales\n"));

            assertThat(body.at("/metadata/namespace").asText()).isEqualTo("sales");
        }

        @Test
        void theCatalogAnnotationsSayWhereTheEntityCameFrom() {
            JsonNode annotations = accepted(SERVICE).at("/metadata/annotations");

            assertThat(annotations.get(CatalogAnnotations.MANAGED_BY_LOCATION).asText())
                    .isEqualTo("url:https://example.com/repo/systems/catalog-info.yaml");
            assertThat(annotations.get(CatalogAnnotations.MANAGED_BY_ORIGIN_LOCATION).asText()).isEqualTo(ORIGIN);
            assertThat(annotations.get(CatalogAnnotations.SOURCE_LOCATION).asText()).isEqualTo("url:https://example.com/repo/systems/");
        }

        @Test
        void theSourceLocationOfAFileIsItsFolder() {
            LocationSpec file = LocationSpec.parse("file:/srv/catalog/orders/catalog-info.yaml");

            JsonNode annotations = processor.process(yaml(SERVICE), file, "file:/srv/catalog/catalog-info.yaml", 1)
                    .entity().body().at("/metadata/annotations");

            assertThat(annotations.get(CatalogAnnotations.MANAGED_BY_LOCATION).asText()).isEqualTo("file:/srv/catalog/orders/catalog-info.yaml");
            assertThat(annotations.get(CatalogAnnotations.SOURCE_LOCATION).asText()).isEqualTo("file:/srv/catalog/orders/");
        }

        @Test
        void aSourceLocationWrittenInTheDescriptorIsKeptButTheManagedByAnnotationsAreNot() {
            JsonNode annotations = accepted(SERVICE.replace("  name: orders\n", """
                      name: orders
                      annotations:
                        backstage.io/source-location: url:https://github.com/acme/orders/tree/main/
                        backstage.io/managed-by-location: url:https://elsewhere.example.com/catalog-info.yaml
                        backstage.io/managed-by-origin-location: url:https://elsewhere.example.com/catalog-info.yaml
                        backstage.io/orphan: "true"
                        acme.com/team-channel: "#orders"
                    """)).at("/metadata/annotations");

            assertThat(annotations.get(CatalogAnnotations.SOURCE_LOCATION).asText()).isEqualTo("url:https://github.com/acme/orders/tree/main/");
            assertThat(annotations.get(CatalogAnnotations.MANAGED_BY_LOCATION).asText()).isEqualTo(LOCATION.toString());
            assertThat(annotations.get(CatalogAnnotations.MANAGED_BY_ORIGIN_LOCATION).asText()).isEqualTo(ORIGIN);
            assertThat(annotations.has(CatalogAnnotations.ORPHAN)).isFalse();
            assertThat(annotations.get("acme.com/team-channel").asText()).isEqualTo("#orders");
        }

        @Test
        void serverFieldsInTheDescriptorAreDropped() {
            ObjectNode body = accepted(SERVICE.replace("  name: orders\n", """
                      name: orders
                      uid: 00000000-0000-0000-0000-000000000001
                      etag: forged
                      generation: 42
                    """) + """
                    relations:
                      - type: ownedBy
                        targetRef: group:default/someone-else
                    status:
                      items: []
                    """);

            assertThat(body.has("relations")).isFalse();
            assertThat(body.has("status")).isFalse();
            assertThat(body.get("metadata").has("uid")).isFalse();
            assertThat(body.get("metadata").has("etag")).isFalse();
            assertThat(body.get("metadata").has("generation")).isFalse();
        }

        @Test
        void theDocumentGivenIsNotChanged() {
            JsonNode document = yaml(SERVICE);
            JsonNode before = document.deepCopy();

            processor.process(document, LOCATION, ORIGIN, 1);

            assertThat(document).isEqualTo(before);
        }
    }

    @Nested
    class Relations {

        @Test
        void everyReferenceGivesARelationInBothDirections() {
            EntityRef orders = new EntityRef("component", "default", "orders");
            EntityRef team = new EntityRef("group", "default", "orders-team");
            EntityRef system = new EntityRef("system", "default", "order-management");

            assertThat(process(SERVICE).entity().relations()).containsExactlyInAnyOrder(
                    new Relation(orders, "ownedBy", team),
                    new Relation(team, "ownerOf", orders),
                    new Relation(orders, "partOf", system),
                    new Relation(system, "hasPart", orders));
        }

        @Test
        void referencesWithoutANamespaceTakeTheEntitysNamespace() {
            EntityProcessor.Outcome outcome = process(SERVICE.replace("  name: orders\n", "  name: orders\n  namespace: sales\n"));

            assertThat(outcome.entity().relations()).contains(new Relation(
                    new EntityRef("component", "sales", "orders"), "ownedBy", new EntityRef("group", "sales", "orders-team")));
        }

        @Test
        void relationsAreNotPartOfTheStoredBody() {
            assertThat(process(SERVICE).entity().body().has("relations")).isFalse();
        }
    }

    @Nested
    class Rejection {

        @Test
        void anInvalidEntityIsRejectedWithTheFieldPathItsRefAndTheLine() {
            EntityProcessor.Outcome outcome = process(SERVICE.replace("  lifecycle: production\n", ""));

            assertThat(outcome.accepted()).isFalse();
            assertThat(outcome.entity()).isNull();
            assertThat(outcome.ref()).isEqualTo(new EntityRef("component", "default", "orders"));
            assertThat(outcome.errors()).singleElement().satisfies(error -> {
                assertThat(error.name()).isEqualTo("InputError");
                assertThat(error.message()).contains("spec.lifecycle");
                assertThat(error.entityRef()).isEqualTo("component:default/orders");
                assertThat(error.line()).isEqualTo(7);
            });
        }

        @Test
        void everyProblemIsReportedNotOnlyTheFirst() {
            EntityProcessor.Outcome outcome = process(SERVICE.replace("  lifecycle: production\n", "").replace("  type: service\n", ""));

            assertThat(outcome.errors()).hasSize(2);
            assertThat(outcome.errors()).anySatisfy(e -> assertThat(e.message()).contains("spec.lifecycle"));
            assertThat(outcome.errors()).anySatisfy(e -> assertThat(e.message()).contains("spec.type"));
        }

        @Test
        void anInvalidReferenceIsRejectedWithItsPath() {
            EntityProcessor.Outcome outcome = process(SERVICE.replace("owner: orders-team", "owner: \"group:a:b\""));

            assertThat(outcome.accepted()).isFalse();
            assertThat(outcome.ref()).isEqualTo(new EntityRef("component", "default", "orders"));
            assertThat(outcome.errors()).anySatisfy(e -> assertThat(e.message()).contains("spec.owner"));
        }

        @Test
        void anEntityWithoutANameIsRejectedWithoutARef() {
            EntityProcessor.Outcome outcome = process(SERVICE.replace("  name: orders\n", "  title: Orders\n"));

            assertThat(outcome.accepted()).isFalse();
            assertThat(outcome.ref()).isNull();
            assertThat(outcome.errors()).anySatisfy(e -> {
                assertThat(e.message()).contains("metadata.name");
                assertThat(e.entityRef()).isNull();
            });
        }

        @Test
        void aDocumentThatIsNotAMappingIsRejected() {
            EntityProcessor.Outcome outcome = processor.process(yaml("- just\n- a list\n"), LOCATION, ORIGIN, 3);

            assertThat(outcome.accepted()).isFalse();
            assertThat(outcome.ref()).isNull();
            assertThat(outcome.errors()).singleElement().satisfies(e -> {
                assertThat(e.message()).contains("must be a YAML mapping");
                assertThat(e.line()).isEqualTo(3);
            });
        }

        @Test
        void anUnknownKindIsRejected() {
            EntityProcessor.Outcome outcome = process(SERVICE.replace("kind: Component", "kind: Microservice"));

            assertThat(outcome.accepted()).isFalse();
            assertThat(outcome.ref()).isEqualTo(new EntityRef("microservice", "default", "orders"));
            assertThat(outcome.errors()).anySatisfy(e -> assertThat(e.message()).contains("Microservice"));
        }
    }

    @Nested
    class Hash {

        @Test
        void isTheSameForTheSameInput() {
            assertThat(process(SERVICE).entity().hash()).isEqualTo(process(SERVICE).entity().hash()).hasSize(64);
        }

        @Test
        void changesWhenTheEntityChanges() {
            String changed = SERVICE.replace("lifecycle: production", "lifecycle: deprecated");

            assertThat(process(changed).entity().hash()).isNotEqualTo(process(SERVICE).entity().hash());
        }

        @Test
        void changesWhenTheEntityMovesToAnotherLocation() {
            EntityProcessor.Outcome elsewhere = processor.process(yaml(SERVICE),
                    LocationSpec.parse("url:https://example.com/other/catalog-info.yaml"), ORIGIN, 7);

            assertThat(elsewhere.entity().hash()).isNotEqualTo(process(SERVICE).entity().hash());
        }

        @Test
        void ignoresServerFieldsThatAreDroppedAnyway() {
            String withServerFields = SERVICE.replace("  name: orders\n", "  name: orders\n  uid: abc\n  etag: xyz\n");

            assertThat(process(withServerFields).entity().hash()).isEqualTo(process(SERVICE).entity().hash());
        }

        @Test
        void isTheHashOfTheStoredJsonAsEarlierVersionsComputedIt() throws IOException {
            // stored hashes decide what a re-read rewrites: computed any other way, an upgrade would rewrite everything
            String unicode = SERVICE.replace("  name: orders\n", "  name: orders\n  description: \"Bestellungen – Übersicht ✓ \\\"quoted\\\" \\t tab\"\n");
            var entity = process(unicode).entity();

            assertThat(new ObjectMapper().readTree(entity.json())).isEqualTo(entity.body());
            assertThat(entity.hash()).isEqualTo(java.util.HexFormat.of().formatHex(
                    io.catalog.graph.model.Hashing.sha256().digest(new ObjectMapper().writeValueAsBytes(entity.body()))));
        }
    }

    @Test
    void validateReportsProblemsWithoutProcessing() {
        assertThat(processor.validate(yaml(SERVICE))).isEmpty();
        assertThat(processor.validate(yaml(SERVICE.replace("  owner: orders-team\n", ""))))
                .anySatisfy(p -> assertThat(p.path()).isEqualTo("spec.owner"));
        assertThat(processor.validate(yaml(SERVICE.replace("owner: orders-team", "owner: \"a:b:c\""))))
                .anySatisfy(p -> assertThat(p.path()).isEqualTo("spec.owner"));
        assertThat(processor.validate(yaml("[]"))).isNotEmpty();
    }

    @Test
    void relationFieldsAreSortedAsJavaScriptSortsThem() {
        ObjectNode body = accepted(SERVICE + """
                  dependsOn: [resource:zeta, Component:Beta, component:alpha, component:alpha]
                  providesApis: [b-api, a-api]
                  tags-not-sorted: [z, a]
                """);

        assertThat(body.at("/spec/dependsOn").toString())
                .isEqualTo("[\"Component:Beta\",\"component:alpha\",\"component:alpha\",\"resource:zeta\"]");
        assertThat(body.at("/spec/providesApis").toString()).isEqualTo("[\"a-api\",\"b-api\"]");
        assertThat(body.at("/spec/tags-not-sorted").toString()).isEqualTo("[\"z\",\"a\"]");
    }

    @Test
    void serverFieldsThatAreSentMustStillBeNonEmptyStrings() {
        assertThat(processor.validate(yaml(SERVICE.replace("  name: orders\n", "  name: orders\n  uid: ''\n"))))
                .anySatisfy(p -> assertThat(p.path()).isEqualTo("metadata.uid"));
        assertThat(processor.validate(yaml(SERVICE.replace("  name: orders\n", "  name: orders\n  etag: 7\n"))))
                .anySatisfy(p -> assertThat(p.path()).isEqualTo("metadata.etag"));
        assertThat(process(SERVICE.replace("  name: orders\n", "  name: orders\n  uid: ''\n")).accepted()).isFalse();
    }
}
