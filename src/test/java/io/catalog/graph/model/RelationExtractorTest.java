package io.catalog.graph.model;

import static io.catalog.graph.model.TestEntities.json;
import static io.catalog.graph.model.TestEntities.set;
import static io.catalog.graph.model.TestEntities.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RelationExtractorTest {

    final RelationExtractor extractor = new RelationExtractor();

    static List<String> lines(Extraction extraction) {
        return extraction.relations().stream().map(Relation::toString).toList();
    }

    static JsonNode entity(String apiVersion, String kind, String specYaml) {
        return yaml("""
                apiVersion: %s
                kind: %s
                metadata: {name: me, namespace: ns}
                spec: %s
                """.formatted(apiVersion, kind, specYaml));
    }

    @Test
    void aComponentRelatesToEverythingItsSpecNamesInBothDirections() {
        var component = yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata: {name: artist-web}
                spec:
                  type: website
                  lifecycle: production
                  owner: artist-relations
                  subcomponentOf: artist-platform
                  providesApis: [artist-api]
                  consumesApis: [search-api]
                  dependsOn: ["resource:artists-db"]
                  dependencyOf: ["component:artist-mobile"]
                  system: artist-portal
                """);

        var extraction = extractor.extract(component);

        assertThat(extraction.problems()).isEmpty();
        assertThat(lines(extraction)).containsExactly(
                "component:default/artist-web ownedBy group:default/artist-relations",
                "group:default/artist-relations ownerOf component:default/artist-web",
                "component:default/artist-web partOf component:default/artist-platform",
                "component:default/artist-platform hasPart component:default/artist-web",
                "component:default/artist-web providesApi api:default/artist-api",
                "api:default/artist-api apiProvidedBy component:default/artist-web",
                "component:default/artist-web consumesApi api:default/search-api",
                "api:default/search-api apiConsumedBy component:default/artist-web",
                "component:default/artist-web dependsOn resource:default/artists-db",
                "resource:default/artists-db dependencyOf component:default/artist-web",
                "component:default/artist-web dependencyOf component:default/artist-mobile",
                "component:default/artist-mobile dependsOn component:default/artist-web",
                "component:default/artist-web partOf system:default/artist-portal",
                "system:default/artist-portal hasPart component:default/artist-web");
    }

    @ParameterizedTest(name = "{1}.{2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "backstage.io/v1alpha1           | API      | owner          | ownedBy    | group:ns/x",
            "backstage.io/v1alpha1           | API      | system         | partOf     | system:ns/x",
            "backstage.io/v1alpha1           | Resource | owner          | ownedBy    | group:ns/x",
            "backstage.io/v1alpha1           | Resource | system         | partOf     | system:ns/x",
            "backstage.io/v1alpha1           | System   | owner          | ownedBy    | group:ns/x",
            "backstage.io/v1alpha1           | System   | domain         | partOf     | domain:ns/x",
            "backstage.io/v1alpha1           | Domain   | owner          | ownedBy    | group:ns/x",
            "backstage.io/v1alpha1           | Domain   | subdomainOf    | partOf     | domain:ns/x",
            "backstage.io/v1alpha1           | Group    | parent         | childOf    | group:ns/x",
            "backstage.io/v1beta1            | Group    | children       | parentOf   | group:ns/x",
            "backstage.io/v1alpha1           | Group    | members        | hasMember  | user:ns/x",
            "backstage.io/v1alpha1           | User     | memberOf       | memberOf   | group:ns/x",
            "scaffolder.backstage.io/v1beta3 | Template | owner          | ownedBy    | group:ns/x",
            "backstage.io/v1alpha1           | Component| subcomponentOf | partOf     | component:ns/x",
    })
    void eachReferenceFieldUsesItsRelationAndDefaultKind(String apiVersion, String kind, String field,
                                                         String type, String target) {
        boolean list = List.of("children", "members", "memberOf").contains(field);
        var spec = "{" + field + ": " + (list ? "[x]" : "x") + "}";

        var extraction = extractor.extract(entity(apiVersion, kind, spec));

        var self = EntityRef.parse("me", kind, "ns");
        assertThat(lines(extraction)).containsExactly(
                self + " " + type + " " + target,
                target + " " + RelationTypes.inverse(type) + " " + self);
    }

    @ParameterizedTest(name = "{0}.dependsOn and dependencyOf need explicit kinds")
    @ValueSource(strings = {"Component", "Resource"})
    void dependenciesHaveNoDefaultKind(String kind) {
        var extraction = extractor.extract(entity("backstage.io/v1alpha1", kind,
                "{dependsOn: [db, 'resource:db'], dependencyOf: [web]}"));

        assertThat(lines(extraction)).containsExactly(
                "%s:ns/me dependsOn resource:ns/db".formatted(kind.toLowerCase()),
                "resource:ns/db dependencyOf %s:ns/me".formatted(kind.toLowerCase()));
        assertThat(extraction.problems()).extracting(Problem::path)
                .containsExactly("spec.dependsOn.0", "spec.dependencyOf.0");
        assertThat(extraction.problems().get(0).message()).contains("\"db\"", "no kind");
    }

    @Test
    void locationsMakeNoRelations() {
        var extraction = extractor.extract(entity("backstage.io/v1alpha1", "Location", "{target: ./a.yaml}"));

        assertThat(extraction.relations()).isEmpty();
        assertThat(extraction.problems()).isEmpty();
    }

    @Nested
    class References {

        @Test
        void defaultToTheEntitysOwnNamespace() {
            var extraction = extractor.extract(entity("backstage.io/v1alpha1", "User", "{memberOf: [a, other/b]}"));

            assertThat(lines(extraction)).contains(
                    "user:ns/me memberOf group:ns/a",
                    "user:ns/me memberOf group:other/b");
        }

        @Test
        void anEntityWithoutNamespaceIsInDefault() {
            var user = yaml("{kind: User, apiVersion: backstage.io/v1alpha1, metadata: {name: me}, spec: {memberOf: [a]}}");

            assertThat(lines(extractor.extract(user))).first().isEqualTo("user:default/me memberOf group:default/a");
        }

        @Test
        void mayNameAnotherKindThanTheDefault() {
            var extraction = extractor.extract(entity("backstage.io/v1alpha1", "System", "{owner: 'user:jdoe'}"));

            assertThat(lines(extraction)).first().isEqualTo("system:ns/me ownedBy user:ns/jdoe");
        }

        @Test
        void areLowerCased() {
            var entity = yaml("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Domain
                    metadata: {name: Music, namespace: Prod}
                    spec: {owner: "Group:Default/Team-A"}
                    """);

            assertThat(lines(extractor.extract(entity))).containsExactly(
                    "domain:prod/music ownedBy group:default/team-a",
                    "group:default/team-a ownerOf domain:prod/music");
        }

        @Test
        void thatRepeatAreListedOnce() {
            var extraction = extractor.extract(entity("backstage.io/v1alpha1", "Component",
                    "{type: s, lifecycle: l, owner: o, providesApis: [a, 'api:a', 'API:ns/A'], consumesApis: [a]}"));

            assertThat(lines(extraction)).containsExactly(
                    "component:ns/me ownedBy group:ns/o",
                    "group:ns/o ownerOf component:ns/me",
                    "component:ns/me providesApi api:ns/a",
                    "api:ns/a apiProvidedBy component:ns/me",
                    "component:ns/me consumesApi api:ns/a",
                    "api:ns/a apiConsumedBy component:ns/me");
        }

        @Test
        void thatTwoFieldsMakeTheSameWayAreListedOnce() {
            var group = entity("backstage.io/v1alpha1", "Group", "{type: team, parent: p, children: [p]}");

            assertThat(lines(extractor.extract(group))).containsExactly(
                    "group:ns/me childOf group:ns/p",
                    "group:ns/p parentOf group:ns/me",
                    "group:ns/me parentOf group:ns/p",
                    "group:ns/p childOf group:ns/me");
        }

        @ParameterizedTest(name = "\"{0}\" is a problem")
        @ValueSource(strings = {"a:b:c", "ns/", "/name", "kind:", "a/b/c", " "})
        void thatAreMalformedBecomeProblems(String ref) {
            var extraction = extractor.extract(
                    set((com.fasterxml.jackson.databind.node.ObjectNode) entity("backstage.io/v1alpha1", "Group",
                            "{type: team, children: []}"), "spec.children", List.of("fine", ref)));

            assertThat(lines(extraction)).containsExactly("group:ns/me parentOf group:ns/fine",
                    "group:ns/fine childOf group:ns/me");
            assertThat(extraction.problems()).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("spec.children.1");
                assertThat(p.message()).contains("spec.children.1", Json.quote(ref));
            });
        }

        @Test
        void thatAreNotStringsBecomeProblems() {
            var extraction = extractor.extract(entity("backstage.io/v1alpha1", "User", "{memberOf: [7, {a: b}]}"));

            assertThat(extraction.relations()).isEmpty();
            assertThat(extraction.problems()).extracting(Problem::path)
                    .containsExactly("spec.memberOf.0", "spec.memberOf.1");
        }
    }

    @Nested
    class Robustness {

        @Test
        void anEntityWithoutNameIsOneProblemAndNoRelations() {
            var extraction = extractor.extract(yaml("{kind: Group, metadata: {}, spec: {parent: a}}"));

            assertThat(extraction.relations()).isEmpty();
            assertThat(extraction.problems()).singleElement()
                    .satisfies(p -> assertThat(p.path()).isEmpty());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"null", "[]", "\"x\""})
        void somethingThatIsNoEntityIsOneProblem(String jsonValue) {
            assertThat(extractor.extract(json(jsonValue)).problems()).hasSize(1);
        }

        @Test
        void anUnknownKindHasNoRelations() {
            var extraction = extractor.extract(entity("example.com/v1", "Wizard", "{owner: someone}"));

            assertThat(extraction.relations()).isEmpty();
            assertThat(extraction.problems()).isEmpty();
        }

        @Test
        void kindsAreMatchedExactly() {
            assertThat(extractor.extract(entity("backstage.io/v1alpha1", "group", "{parent: a}")).relations()).isEmpty();
        }

        @Test
        void aMissingOrNonObjectSpecHasNoRelations() {
            var noSpec = yaml("{kind: Group, metadata: {name: a}}");
            var badSpec = yaml("{kind: Group, metadata: {name: a}, spec: [parent]}");

            assertThat(extractor.extract(noSpec).relations()).isEmpty();
            assertThat(extractor.extract(badSpec).relations()).isEmpty();
        }

        @Test
        void nullFieldsAreSkipped() {
            var extraction = extractor.extract(entity("backstage.io/v1alpha1", "Group", "{parent: null, members: null}"));

            assertThat(extraction.relations()).isEmpty();
            assertThat(extraction.problems()).isEmpty();
        }

        @Test
        void givesTheSameResultEveryTime() {
            var group = entity("backstage.io/v1alpha1", "Group", "{type: t, parent: p, children: [c, d], members: [u]}");

            assertThat(extractor.extract(group)).isEqualTo(extractor.extract(group));
        }

        @Test
        void theResultCannotBeChanged() {
            var extraction = extractor.extract(entity("backstage.io/v1alpha1", "User", "{memberOf: [a]}"));

            assertThatThrownBy(() -> extraction.relations().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> extraction.problems().add(new Problem("", "x")))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void everyRelationHasItsInverse() {
            var group = entity("backstage.io/v1alpha1", "Group", "{type: t, parent: p, children: [c, d], members: [u, 'user:v']}");
            var relations = extractor.extract(group).relations();

            assertThat(relations).hasSize(10).allSatisfy(r -> assertThat(relations)
                    .contains(new Relation(r.target(), RelationTypes.inverse(r.type()), r.source())));
        }
    }
}
