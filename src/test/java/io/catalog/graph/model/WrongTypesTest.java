package io.catalog.graph.model;

import static io.catalog.graph.model.TestEntities.json;
import static io.catalog.graph.model.TestEntities.problems;
import static io.catalog.graph.model.TestEntities.set;
import static io.catalog.graph.model.TestEntities.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A value of the wrong JSON type is one problem at the path of that value, whose message says what was found.
 */
class WrongTypesTest {

    static ObjectNode fullComponent() {
        return yaml("""
                apiVersion: backstage.io/v1alpha1
                kind: Component
                metadata:
                  name: artist-web
                  namespace: music
                  title: Artist Web
                  description: The place to be
                  labels: {tier: gold}
                  annotations: {example.com/id: "1"}
                  tags: [java]
                  links: [{url: "https://example.com"}]
                spec:
                  type: website
                  lifecycle: production
                  owner: artist-relations
                  system: portal
                  subcomponentOf: platform
                  providesApis: [artist-api]
                  consumesApis: [other-api]
                  dependsOn: ["resource:db"]
                  dependencyOf: ["component:mobile"]
                """);
    }

    static Stream<Arguments> wrongValues() {
        Stream.Builder<Arguments> cases = Stream.builder();
        String[] stringFields = {
                "metadata.name", "metadata.namespace", "metadata.title", "metadata.description",
                "spec.type", "spec.lifecycle", "spec.owner", "spec.system", "spec.subcomponentOf",
        };
        for (String path : stringFields) {
            cases.add(Arguments.of(path, "7", "the number 7"));
            cases.add(Arguments.of(path, "false", "the boolean false"));
            cases.add(Arguments.of(path, "[\"x\"]", "an array"));
            cases.add(Arguments.of(path, "{\"x\": 1}", "an object"));
            cases.add(Arguments.of(path, "null", "null"));
        }
        String[] arrayFields = {
                "metadata.tags", "metadata.links",
                "spec.providesApis", "spec.consumesApis", "spec.dependsOn", "spec.dependencyOf",
        };
        for (String path : arrayFields) {
            cases.add(Arguments.of(path, "\"x\"", "\"x\""));
            cases.add(Arguments.of(path, "{\"0\": \"x\"}", "an object"));
            cases.add(Arguments.of(path, "3", "the number 3"));
            cases.add(Arguments.of(path, "null", "null"));
        }
        for (String path : new String[] {"metadata.labels", "metadata.annotations"}) {
            cases.add(Arguments.of(path, "[\"a\"]", "an array"));
            cases.add(Arguments.of(path, "\"a=b\"", "\"a=b\""));
            cases.add(Arguments.of(path, "null", "null"));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("wrongValues")
    void isReportedAtItsPath(String path, String jsonValue, String described) {
        assertThat(problems(set(fullComponent(), path, json(jsonValue))))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo(path);
                    assertThat(p.message()).contains(described);
                });
    }

    @Test
    void theFullComponentUsedHereIsValid() {
        assertThat(problems(fullComponent())).isEmpty();
    }

    @Test
    void aWrongTypeInsideAnArrayIsReportedAtItsIndex() {
        assertThat(problems(set(fullComponent(), "spec.dependsOn", json("[\"resource:db\", {\"kind\": \"x\"}]"))))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("spec.dependsOn.1");
                    assertThat(p.message()).contains("an object");
                });
    }
}
