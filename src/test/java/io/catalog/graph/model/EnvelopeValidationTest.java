package io.catalog.graph.model;

import static io.catalog.graph.model.TestEntities.component;
import static io.catalog.graph.model.TestEntities.json;
import static io.catalog.graph.model.TestEntities.problemPaths;
import static io.catalog.graph.model.TestEntities.problems;
import static io.catalog.graph.model.TestEntities.remove;
import static io.catalog.graph.model.TestEntities.set;
import static io.catalog.graph.model.TestEntities.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parts common to every entity: root fields, apiVersion, kind, metadata and spec presence. */
class EnvelopeValidationTest {

    @Test
    void aValidComponentHasNoProblems() {
        assertThat(problems(component())).isEmpty();
    }

    @Test
    void theValidatorCanBeSharedAndDoesNotChangeTheEntity() {
        var validator = new EntityValidator();
        var entity = set(component(), "metadata.name", "bad name");
        var copy = entity.deepCopy();

        assertThat(validator.validate(entity)).isEqualTo(validator.validate(entity)).hasSize(1);
        assertThat(entity).isEqualTo(copy);
    }

    @Nested
    class NotAnObject {

        @ParameterizedTest(name = "rejects {0}")
        @ValueSource(strings = {"[]", "\"Component\"", "7", "null", "true"})
        void reportsASingleProblemAtTheRoot(String jsonValue) {
            assertThat(problems(json(jsonValue)))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEmpty();
                        assertThat(p.message()).contains("must be a JSON object");
                    });
        }

        @Test
        void rejectsJavaNull() {
            assertThat(problems(null)).singleElement().satisfies(p -> assertThat(p.path()).isEmpty());
        }

        @Test
        void anEmptyObjectLacksApiVersionKindAndMetadata() {
            assertThat(problemPaths(json("{}"))).containsExactly("apiVersion", "kind", "metadata");
        }
    }

    @Nested
    class RootFields {

        @ParameterizedTest(name = "rejects root field {0}")
        @ValueSource(strings = {"spec2", "relations", "status", "Spec", "metadata ", "extra"})
        void rejectsFieldsOtherThanTheFourEnvelopeFields(String field) {
            assertThat(problems(set(component(), field, json("[]"))))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo(field);
                        assertThat(p.message()).contains("Unknown root field", Json.quote(field));
                    });
        }

        @Test
        void listsTheAllowedFields() {
            assertThat(EntityValidator.ROOT_FIELDS).containsExactlyInAnyOrder("apiVersion", "kind", "metadata", "spec");
        }
    }

    @Nested
    class ApiVersion {

        @ParameterizedTest(name = "rejects \"{0}\"")
        @ValueSource(strings = {
                "", "a#b", "/v1alpha1", "backstage.io/", "backstage.io/v1/alpha", "Backstage.io/v1alpha1",
                "backstage..io/v1alpha1", "backstage.io/v1-alpha1", "backstage.io/v1.1", "v1 alpha", "ü/v1"
        })
        void rejectsBadFormats(String apiVersion) {
            assertThat(problems(set(component(), "apiVersion", apiVersion)))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("apiVersion");
                        assertThat(p.message()).contains("is not a valid API version", Json.quote(apiVersion));
                    });
        }

        @Test
        void rejectsAVersionOf64Characters() {
            assertThat(problems(set(component(), "apiVersion", "backstage.io/" + "v".repeat(64))))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("64 characters long"));
        }

        @ParameterizedTest(name = "\"{0}\" is well-formed")
        @ValueSource(strings = {"my-company.net/v1", "v1", "1", "a.b.c/V1Beta2", "x--y.io/v2", "1.0/alpha"})
        void wellFormedVersionsAreOnlyCheckedAgainstTheKind(String apiVersion) {
            assertThat(problems(set(component(), "apiVersion", apiVersion)))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("not supported").doesNotContain("not a valid"));
        }

        @Test
        void aVersionOf63CharactersIsWellFormed() {
            assertThat(problems(set(component(), "apiVersion", "backstage.io/" + "v".repeat(63))))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("not supported"));
        }

        @ParameterizedTest(name = "accepts {0}")
        @ValueSource(strings = {"backstage.io/v1alpha1", "backstage.io/v1beta1"})
        void bothBackstageVersionsAreAccepted(String apiVersion) {
            assertThat(problems(set(component(), "apiVersion", apiVersion))).isEmpty();
        }

        @Test
        void aWellFormedButUnknownVersionIsReportedAsUnsupported() {
            assertThat(problems(set(component(), "apiVersion", "my-company.net/v1")))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("apiVersion");
                        assertThat(p.message()).contains("not supported for kind Component");
                    });
        }

        @Test
        void isRequired() {
            assertThat(problemPaths(remove(component(), "apiVersion"))).containsExactly("apiVersion");
        }

        @ParameterizedTest(name = "rejects {0}")
        @ValueSource(strings = {"null", "1", "[]", "{}"})
        void mustBeAString(String jsonValue) {
            assertThat(problemPaths(set(component(), "apiVersion", json(jsonValue)))).containsExactly("apiVersion");
        }
    }

    @Nested
    class Kind {

        @ParameterizedTest(name = "rejects \"{0}\"")
        @ValueSource(strings = {"", "1Component", "Com-ponent", "Com ponent", "Component ", "_Component", "Kömponent"})
        void rejectsBadFormats(String kind) {
            assertThat(problems(set(component(), "kind", kind)))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("kind");
                        assertThat(p.message()).contains("is not a valid kind", Json.quote(kind));
                    });
        }

        @Test
        void rejectsAKindOf64Characters() {
            assertThat(problems(set(component(), "kind", "K".repeat(64))))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("64 characters long"));
        }

        @Test
        void isRequired() {
            assertThat(problemPaths(remove(component(), "kind"))).containsExactly("kind");
        }

        @ParameterizedTest(name = "rejects {0}")
        @ValueSource(strings = {"null", "7", "[\"Component\"]", "{}"})
        void mustBeAString(String jsonValue) {
            assertThat(problemPaths(set(component(), "kind", json(jsonValue)))).containsExactly("kind");
        }
    }

    @Nested
    class MetadataAndSpec {

        @Test
        void metadataIsRequired() {
            assertThat(problems(remove(component(), "metadata")))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata");
                        assertThat(p.message()).contains("required");
                    });
        }

        @ParameterizedTest(name = "rejects metadata = {0}")
        @ValueSource(strings = {"null", "\"artist-web\"", "[]", "7"})
        void metadataMustBeAnObject(String jsonValue) {
            assertThat(problems(set(component(), "metadata", json(jsonValue))))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata");
                        assertThat(p.message()).contains("must be an object");
                    });
        }

        @ParameterizedTest(name = "rejects spec = {0}")
        @ValueSource(strings = {"null", "\"x\"", "[]", "7"})
        void specMustBeAnObject(String jsonValue) {
            assertThat(problems(set(component(), "spec", json(jsonValue))))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("spec");
                        assertThat(p.message()).contains("must be an object");
                    });
        }
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() {
        var entity = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                status: {}
                metadata:
                  name: bad name
                  namespace: Bad
                  labels: {ok: "not ok"}
                  tags: [Nope]
                  links: [{url: nope}]
                spec:
                  type: ""
                  lifecycle: 7
                """);

        assertThat(problemPaths(entity)).containsExactly(
                "status",
                "metadata.name",
                "metadata.namespace",
                "metadata.labels.ok",
                "metadata.tags.0",
                "metadata.links.0.url",
                "spec.type",
                "spec.lifecycle",
                "spec.owner");
    }
}
