package io.catalog.graph.model;

import static io.catalog.graph.model.TestEntities.json;
import static io.catalog.graph.model.TestEntities.problemPaths;
import static io.catalog.graph.model.TestEntities.problems;
import static io.catalog.graph.model.TestEntities.remove;
import static io.catalog.graph.model.TestEntities.set;
import static io.catalog.graph.model.TestEntities.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The spec rules of each built-in kind, after Backstage's kind JSON schemas. */
class KindSpecValidationTest {

    static void assertSingleProblem(ObjectNode entity, String path, String... messageParts) {
        assertThat(problems(entity)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).contains(messageParts);
        });
    }

    @Nested
    class Component {

        ObjectNode full() {
            return yaml("""
                    apiVersion: backstage.io/v1beta1
                    kind: Component
                    metadata: {name: artist-web}
                    spec:
                      type: website
                      lifecycle: production
                      owner: artist-relations
                      system: artist-engagement-portal
                      subcomponentOf: artist-platform
                      providesApis: [artist-api]
                      consumesApis: []
                      dependsOn: ["resource:artists-db"]
                      dependencyOf: ["component:artist-mobile"]
                      somethingCustom: {any: thing}
                    """);
        }

        @Test
        void acceptsAllItsFieldsAndUnknownExtras() {
            assertThat(problems(full())).isEmpty();
        }

        @ParameterizedTest(name = "requires spec.{0}")
        @ValueSource(strings = {"type", "lifecycle", "owner"})
        void requires(String field) {
            assertSingleProblem(remove(full(), "spec." + field), "spec." + field, "required", "missing");
        }

        @ParameterizedTest(name = "spec.{0} must not be empty")
        @ValueSource(strings = {"type", "lifecycle", "owner", "system", "subcomponentOf"})
        void rejectsEmptyStrings(String field) {
            assertSingleProblem(set(full(), "spec." + field, ""), "spec." + field, "must not be an empty string");
        }

        @ParameterizedTest(name = "spec.{0} items must be non-empty strings")
        @ValueSource(strings = {"providesApis", "consumesApis", "dependsOn", "dependencyOf"})
        void rejectsBadReferenceListItems(String field) {
            var entity = set(full(), "spec." + field, json("[\"ok\", \"\", 7]"));

            assertThat(problemPaths(entity)).containsExactly("spec." + field + ".1", "spec." + field + ".2");
        }

        @ParameterizedTest(name = "spec.{0} must be an array")
        @ValueSource(strings = {"providesApis", "consumesApis", "dependsOn", "dependencyOf"})
        void rejectsASingleStringWhereAListIsExpected(String field) {
            assertSingleProblem(set(full(), "spec." + field, "artist-api"), "spec." + field, "must be an array");
        }

        @Test
        void requiresASpec() {
            assertSingleProblem(remove(full(), "spec"), "spec", "required", "Component");
        }

        @Test
        void anEmptySpecLacksAllRequiredFields() {
            assertThat(problemPaths(set(full(), "spec", json("{}"))))
                    .containsExactly("spec.type", "spec.lifecycle", "spec.owner");
        }

        @Test
        void onlyLengthCountsForNonEmptyStringsAsInTheSchema() {
            assertThat(problems(set(full(), "spec.lifecycle", " "))).isEmpty();
        }
    }

    @Nested
    class Api {

        ObjectNode full() {
            return yaml("""
                    apiVersion: backstage.io/v1alpha1
                    kind: API
                    metadata: {name: artist-api}
                    spec:
                      type: openapi
                      lifecycle: production
                      owner: artist-relations
                      system: artist-engagement-portal
                      definition: |
                        openapi: "3.0.0"
                    """);
        }

        @Test
        void acceptsAllItsFields() {
            assertThat(problems(full())).isEmpty();
        }

        @ParameterizedTest(name = "requires spec.{0}")
        @ValueSource(strings = {"type", "lifecycle", "owner", "definition"})
        void requires(String field) {
            assertSingleProblem(remove(full(), "spec." + field), "spec." + field, "required");
        }

        @Test
        void theDefinitionMustBeTextNotAnObject() {
            assertSingleProblem(set(full(), "spec.definition", json("{\"openapi\": \"3.0.0\"}")),
                    "spec.definition", "must be a non-empty string", "an object");
        }

        @Test
        void theDefinitionMustNotBeEmpty() {
            assertSingleProblem(set(full(), "spec.definition", ""), "spec.definition", "empty");
        }
    }

    @Nested
    class Resource {

        ObjectNode full() {
            return yaml("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Resource
                    metadata: {name: artists-db}
                    spec:
                      type: database
                      owner: artist-relations
                      system: artist-engagement-portal
                      dependsOn: ["resource:storage"]
                      dependencyOf: ["component:artist-web"]
                    """);
        }

        @Test
        void acceptsAllItsFields() {
            assertThat(problems(full())).isEmpty();
        }

        @ParameterizedTest(name = "requires spec.{0}")
        @ValueSource(strings = {"type", "owner"})
        void requires(String field) {
            assertSingleProblem(remove(full(), "spec." + field), "spec." + field, "required");
        }

        @Test
        void needsNoLifecycle() {
            assertThat(problems(remove(full(), "spec.system"))).isEmpty();
        }

        @Test
        void theSystemMustBeAString() {
            assertSingleProblem(set(full(), "spec.system", List.of("a")), "spec.system", "an array");
        }
    }

    @Nested
    class SystemAndDomain {

        @Test
        void aSystemNeedsAnOwnerAndMayHaveADomainAndType() {
            var system = yaml("""
                    apiVersion: backstage.io/v1alpha1
                    kind: System
                    metadata: {name: artist-engagement-portal}
                    spec: {owner: artist-relations, domain: artists, type: product}
                    """);

            assertThat(problems(system)).isEmpty();
            assertSingleProblem(remove(system.deepCopy(), "spec.owner"), "spec.owner", "required");
            assertSingleProblem(set(system.deepCopy(), "spec.domain", 7), "spec.domain", "the number 7");
            assertSingleProblem(set(system.deepCopy(), "spec.type", ""), "spec.type", "empty");
        }

        @Test
        void aDomainNeedsAnOwnerAndMayHaveAParentDomainAndType() {
            var domain = yaml("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Domain
                    metadata: {name: artists}
                    spec: {owner: artist-relations, subdomainOf: music, type: business}
                    """);

            assertThat(problems(domain)).isEmpty();
            assertSingleProblem(remove(domain.deepCopy(), "spec.owner"), "spec.owner", "required");
            assertSingleProblem(set(domain.deepCopy(), "spec.subdomainOf", ""), "spec.subdomainOf", "empty");
            assertSingleProblem(set(domain.deepCopy(), "spec.type", true), "spec.type", "the boolean true");
        }
    }

    @Nested
    class Group {

        ObjectNode full() {
            return yaml("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Group
                    metadata: {name: infrastructure}
                    spec:
                      type: business-unit
                      profile:
                        displayName: Infrastructure
                        email: infrastructure@example.com
                        picture: https://example.com/groups/bu-infrastructure.jpeg
                      parent: ops
                      children: [backstage, other]
                      members: [jdoe]
                    """);
        }

        @Test
        void acceptsAllItsFields() {
            assertThat(problems(full())).isEmpty();
        }

        @ParameterizedTest(name = "requires spec.{0}")
        @ValueSource(strings = {"type", "children"})
        void requires(String field) {
            assertSingleProblem(remove(full(), "spec." + field), "spec." + field, "required");
        }

        @Test
        void childrenMayBeEmpty() {
            assertThat(problems(set(full(), "spec.children", List.of()))).isEmpty();
        }

        @ParameterizedTest(name = "children = {0}")
        @ValueSource(strings = {"null", "\"backstage\"", "{}"})
        void childrenMustBeAnArray(String jsonValue) {
            assertSingleProblem(set(full(), "spec.children", json(jsonValue)), "spec.children", "must be an array");
        }

        @Test
        void membersAndParentAreOptional() {
            var entity = remove(remove(full(), "spec.members"), "spec.parent");

            assertThat(problems(entity)).isEmpty();
        }

        @Test
        void membersMustBeNonEmptyStrings() {
            assertSingleProblem(set(full(), "spec.members", List.of("")), "spec.members.0", "empty");
        }

        @ParameterizedTest(name = "profile.{0}")
        @ValueSource(strings = {"displayName", "email", "picture"})
        void profileFieldsMustBeNonEmptyStrings(String field) {
            assertSingleProblem(set(full(), "spec.profile." + field, ""), "spec.profile." + field, "empty");
            assertSingleProblem(set(full(), "spec.profile." + field, 7), "spec.profile." + field, "the number 7");
        }

        @Test
        void theProfileMustBeAnObject() {
            assertSingleProblem(set(full(), "spec.profile", "Infrastructure"), "spec.profile", "must be an object");
        }
    }

    @Nested
    class User {

        ObjectNode full() {
            return yaml("""
                    apiVersion: backstage.io/v1alpha1
                    kind: User
                    metadata: {name: jdoe}
                    spec:
                      profile:
                        displayName: Jenny Doe
                        email: jenny-doe@example.com
                        picture: https://example.com/staff/jenny-with-party-hat.jpeg
                      memberOf: [team-b, employees]
                    """);
        }

        @Test
        void acceptsAllItsFields() {
            assertThat(problems(full())).isEmpty();
        }

        @Test
        void anEmptySpecIsEnough() {
            assertThat(problems(set(full(), "spec", json("{}")))).isEmpty();
        }

        @Test
        void stillNeedsASpec() {
            assertSingleProblem(remove(full(), "spec"), "spec", "required", "User");
        }

        @Test
        void memberOfMayBeEmpty() {
            assertThat(problems(set(full(), "spec.memberOf", List.of()))).isEmpty();
        }

        @ParameterizedTest(name = "memberOf = {0}")
        @ValueSource(strings = {"null", "7", "\"team-b\"", "{}"})
        void memberOfMustBeAnArray(String jsonValue) {
            assertSingleProblem(set(full(), "spec.memberOf", json(jsonValue)), "spec.memberOf", "must be an array");
        }

        @Test
        void memberOfItemsMustBeNonEmptyStrings() {
            assertThat(problemPaths(set(full(), "spec.memberOf", json("[7, \"\", \"ok\", null]"))))
                    .containsExactly("spec.memberOf.0", "spec.memberOf.1", "spec.memberOf.3");
        }

        @Test
        void profileFieldsMustBeNonEmptyStrings() {
            assertSingleProblem(set(full(), "spec.profile.email", ""), "spec.profile.email", "empty");
            assertSingleProblem(set(full(), "spec.profile", 7), "spec.profile", "must be an object");
        }
    }

    @Nested
    class Location {

        ObjectNode full() {
            return yaml("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Location
                    metadata: {name: org-data}
                    spec:
                      type: url
                      target: ./details/catalog-info.yaml
                      targets:
                        - http://github.com/myorg/myproject/org-data-dump/catalog-info-staff.yaml
                      presence: optional
                    """);
        }

        @Test
        void acceptsAllItsFields() {
            assertThat(problems(full())).isEmpty();
        }

        @Test
        void everyFieldIsOptional() {
            assertThat(problems(set(full(), "spec", json("{}")))).isEmpty();
        }

        @ParameterizedTest(name = "presence \"{0}\"")
        @ValueSource(strings = {"required", "optional"})
        void presenceIsRequiredOrOptional(String presence) {
            assertThat(problems(set(full(), "spec.presence", presence))).isEmpty();
        }

        @ParameterizedTest(name = "presence \"{0}\"")
        @ValueSource(strings = {"", "Required", "maybe", " optional"})
        void presenceCannotBeAnythingElse(String presence) {
            assertSingleProblem(set(full(), "spec.presence", presence), "spec.presence",
                    "must be one of \"required\", \"optional\"", Json.quote(presence));
        }

        @Test
        void presenceMustBeAString() {
            assertSingleProblem(set(full(), "spec.presence", true), "spec.presence", "the boolean true");
        }

        @Test
        void targetsMustBeNonEmptyStrings() {
            assertSingleProblem(set(full(), "spec.targets", List.of("./a.yaml", "")), "spec.targets.1", "empty");
            assertSingleProblem(set(full(), "spec.targets", "./a.yaml"), "spec.targets", "must be an array");
            assertSingleProblem(set(full(), "spec.target", List.of("./a.yaml")), "spec.target", "an array");
        }
    }

    @Nested
    class Template {

        ObjectNode full() {
            return yaml("""
                    apiVersion: scaffolder.backstage.io/v1beta3
                    kind: Template
                    metadata:
                      name: react-ssr-template
                      title: React SSR Template
                    spec:
                      owner: artist-relations
                      type: website
                      lifecycle: production
                      parameters:
                        required: [name]
                        backstage:permissions: {tags: [one]}
                        properties:
                          name: {title: Name, type: string}
                      steps:
                        - id: fetch
                          name: Fetch
                          action: fetch:plain
                          input: {url: ./template}
                          backstage:permissions: {tags: [one, two]}
                        - id: publish
                          action: publish:github
                          if: ${{ parameters.repoUrl }}
                        - action: debug:log
                          if: false
                      output:
                        catalogInfoUrl: ${{ steps.publish.output.catalogInfoUrl }}
                        links:
                          - title: Repository
                            url: ${{ steps.publish.output.remoteUrl }}
                          - title: Open in catalog
                            icon: catalog
                            entityRef: ${{ steps.register.output.entityRef }}
                            if: true
                        text:
                          - title: Notes
                            content: "**done**"
                      presentation:
                        buttonLabels: {backButtonText: Back, createButtonText: Go, reviewButtonText: Check}
                      secrets:
                        schema: {type: object}
                      EXPERIMENTAL_formDecorators:
                        - id: myDecorator
                          input: {a: b}
                    """);
        }

        @Test
        void acceptsAllItsFields() {
            assertThat(problems(full())).isEmpty();
        }

        @Test
        void typeAndStepsAreEnough() {
            var minimal = yaml("""
                    apiVersion: scaffolder.backstage.io/v1beta3
                    kind: Template
                    metadata: {name: minimal}
                    spec: {type: service, steps: []}
                    """);

            assertThat(problems(minimal)).isEmpty();
        }

        @ParameterizedTest(name = "requires spec.{0}")
        @ValueSource(strings = {"type", "steps"})
        void requires(String field) {
            assertSingleProblem(remove(full(), "spec." + field), "spec." + field, "required");
        }

        @Test
        void parametersMayBeAListOfForms() {
            assertThat(problems(set(full(), "spec.parameters", json("[{\"title\": \"One\"}, {\"title\": \"Two\"}]"))))
                    .isEmpty();
        }

        @ParameterizedTest(name = "parameters = {0}")
        @ValueSource(strings = {"\"name\"", "7", "null", "true"})
        void parametersMustBeAnObjectOrAList(String jsonValue) {
            assertSingleProblem(set(full(), "spec.parameters", json(jsonValue)), "spec.parameters",
                    "must be an object or an array of objects");
        }

        @Test
        void eachFormMustBeAnObject() {
            assertSingleProblem(set(full(), "spec.parameters", json("[{}, \"name\"]")), "spec.parameters.1",
                    "must be an object", "\"name\"");
        }

        @Test
        void parameterPermissionTagsMustBeStrings() {
            assertSingleProblem(set(full(), "spec.parameters", json("{\"backstage:permissions\": {\"tags\": [1]}}")),
                    "spec.parameters.backstage:permissions.tags.0", "must be a string");
        }

        @Test
        void eachStepNeedsAnAction() {
            assertSingleProblem(set(full(), "spec.steps", json("[{\"id\": \"fetch\"}]")), "spec.steps.0.action",
                    "required");
        }

        @ParameterizedTest(name = "step.{0} = {1}")
        @CsvSource(delimiter = '|', value = {
                "id     | 7          | the number 7",
                "name   | []         | an array",
                "action | 7          | the number 7",
                "input  | \"x\"      | must be an object",
                "if     | 1          | must be a string or a boolean",
                "if     | null       | must be a string or a boolean",
        })
        void stepFieldsHaveTypes(String field, String jsonValue, String expected) {
            var steps = json("[{\"action\": \"debug:log\"}]");
            ((ObjectNode) steps.get(0)).set(field, json(jsonValue));

            assertSingleProblem(set(full(), "spec.steps", steps), "spec.steps.0." + field, expected);
        }

        @Test
        void stepsMustBeObjectsInAnArray() {
            assertSingleProblem(set(full(), "spec.steps", json("[\"fetch:plain\"]")), "spec.steps.0",
                    "must be an object");
            assertSingleProblem(set(full(), "spec.steps", json("{\"action\": \"fetch:plain\"}")), "spec.steps",
                    "must be an array");
        }

        @Test
        void outputValuesOtherThanLinksAndTextMustBeStrings() {
            assertSingleProblem(set(full(), "spec.output.count", 7), "spec.output.count", "the number 7");
        }

        @Test
        void outputLinksAndTextAreChecked() {
            assertSingleProblem(set(full(), "spec.output.links", json("[{\"title\": \"\"}]")),
                    "spec.output.links.0.title", "empty");
            assertSingleProblem(set(full(), "spec.output.text", json("[{\"content\": 7}]")),
                    "spec.output.text.0.content", "the number 7");
        }

        @Test
        void theOwnerIsOptionalButMustNotBeEmpty() {
            assertThat(problems(remove(full(), "spec.owner"))).isEmpty();
            assertSingleProblem(set(full(), "spec.owner", ""), "spec.owner", "empty");
        }
    }
}
