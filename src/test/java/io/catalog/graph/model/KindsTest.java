package io.catalog.graph.model;

import static io.catalog.graph.model.TestEntities.problems;
import static io.catalog.graph.model.TestEntities.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KindsTest {

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource({
            "backstage.io/v1alpha1, Component", "backstage.io/v1beta1, Component",
            "backstage.io/v1alpha1, API", "backstage.io/v1beta1, API",
            "backstage.io/v1alpha1, Resource", "backstage.io/v1beta1, Resource",
            "backstage.io/v1alpha1, System", "backstage.io/v1beta1, System",
            "backstage.io/v1alpha1, Domain", "backstage.io/v1beta1, Domain",
            "backstage.io/v1alpha1, Group", "backstage.io/v1beta1, Group",
            "backstage.io/v1alpha1, User", "backstage.io/v1beta1, User",
            "backstage.io/v1alpha1, Location", "backstage.io/v1beta1, Location",
            "scaffolder.backstage.io/v1beta3, Template",
    })
    void knowsTheBuiltInKinds(String apiVersion, String kind) {
        assertThat(Kinds.isKnown(apiVersion, kind)).isTrue();
    }

    @ParameterizedTest(name = "not {1} in {0}")
    @CsvSource(nullValues = "NULL", value = {
            "backstage.io/v1alpha1, component",
            "backstage.io/v1alpha1, COMPONENT",
            "backstage.io/v1alpha1, Api",
            "Backstage.io/v1alpha1, Component",
            "backstage.io/V1alpha1, Component",
            "backstage.io/v1beta2, Component",
            "backstage.io/v1alpha2, Component",
            "backstage.io/v1alpha1, Template",
            "backstage.io/v1beta2, Template",
            "scaffolder.backstage.io/v1beta2, Template",
            "scaffolder.backstage.io/v1beta3, Component",
            "backstage.io/v1alpha1, Wizard",
            "NULL, Component",
            "backstage.io/v1alpha1, NULL",
            "'', ''",
    })
    void matchesApiVersionAndKindExactly(String apiVersion, String kind) {
        assertThat(Kinds.isKnown(apiVersion, kind)).isFalse();
    }

    @Test
    void anUnknownKindIsAProblemOnKind() {
        var entity = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Wizard
                metadata: {name: merlin}
                """);

        assertThat(problems(entity)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("kind");
            assertThat(p.message()).contains("\"Wizard\"", "not a known kind", "Component", "Template");
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"component", "COMPONENT", "cOmPoNeNt"})
    void aKnownKindInTheWrongCaseIsAProblemWithAHint(String kind) {
        var entity = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: %s
                metadata: {name: a}
                spec: {type: service, lifecycle: production, owner: me}
                """.formatted(kind));

        assertThat(problems(entity)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("kind");
            assertThat(p.message()).contains("case-sensitive", "\"Component\"");
        });
    }

    @Test
    void aKnownKindInAnUnknownVersionIsAProblemOnApiVersion() {
        var entity = yaml("""
                apiVersion: backstage.io/v1beta2
                kind: Template
                metadata: {name: a}
                spec: {type: service, steps: []}
                """);

        assertThat(problems(entity)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("apiVersion");
            assertThat(p.message()).contains("\"backstage.io/v1beta2\"", "Template", "\"scaffolder.backstage.io/v1beta3\"");
        });
    }

    @Test
    void theSpecOfAnUnknownKindIsNotChecked() {
        var entity = yaml("""
                apiVersion: example.com/v1
                kind: Wizard
                metadata: {name: merlin}
                """);

        assertThat(problems(entity)).extracting(Problem::path).containsExactly("kind");
    }

    @Test
    void theMetadataOfAnUnknownKindIsStillChecked() {
        var entity = yaml("""
                apiVersion: example.com/v1
                kind: Wizard
                metadata: {name: "merlin the great"}
                """);

        assertThat(problems(entity)).extracting(Problem::path).containsExactly("metadata.name", "kind");
    }

    @Test
    void everyKindHasARuleForItsSpec() {
        assertThat(Kinds.all()).extracting(KindSpec::kind).containsExactly(
                "Component", "API", "Resource", "System", "Domain", "Group", "User", "Location", "Template");
        assertThat(Kinds.all()).allSatisfy(kind -> assertThat(kind.spec()).isNotNull());
    }
}
