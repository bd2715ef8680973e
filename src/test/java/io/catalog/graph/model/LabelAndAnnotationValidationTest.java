package io.catalog.graph.model;

import static io.catalog.graph.model.TestEntities.component;
import static io.catalog.graph.model.TestEntities.json;
import static io.catalog.graph.model.TestEntities.problems;
import static io.catalog.graph.model.TestEntities.set;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelAndAnnotationValidationTest {

    static final String PREFIX_253 = String.join(".", "a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61));
    static final String PREFIX_254 = PREFIX_253 + "d";

    static ObjectNode withLabel(String key, Object value) {
        var labels = JsonNodeFactory.instance.objectNode();
        labels.set(key, toNode(value));
        return set(component(), "metadata.labels", labels);
    }

    static ObjectNode withAnnotation(String key, Object value) {
        var annotations = JsonNodeFactory.instance.objectNode();
        annotations.set(key, toNode(value));
        return set(component(), "metadata.annotations", annotations);
    }

    private static com.fasterxml.jackson.databind.JsonNode toNode(Object value) {
        return value instanceof String s ? JsonNodeFactory.instance.textNode(s)
                : (com.fasterxml.jackson.databind.JsonNode) value;
    }

    @Test
    void thePrefixesUsedInTheseTestsHaveTheIntendedLengths() {
        assertThat(PREFIX_253).hasSize(253);
        assertThat(PREFIX_254).hasSize(254);
    }

    @Nested
    class Keys {

        @ParameterizedTest(name = "accepts \"{0}\"")
        @ValueSource(strings = {
                "foo", "Foo_Bar.baz-1", "backstage.io/custom", "example.com/a_b", "a.b.c/x", "my-org--x.io/y",
                "1/2"
        })
        void acceptsValidLabelAndAnnotationKeys(String key) {
            assertThat(problems(withLabel(key, "v"))).isEmpty();
            assertThat(problems(withAnnotation(key, "v"))).isEmpty();
        }

        @Test
        void acceptsANamePartOf63Characters() {
            assertThat(problems(withLabel("x".repeat(63), "v"))).isEmpty();
            assertThat(problems(withAnnotation("a/" + "n".repeat(63), "v"))).isEmpty();
        }

        @Test
        void rejectsANamePartOf64Characters() {
            assertThat(problems(withLabel("x".repeat(64), "v")))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("64 characters long"));
            assertThat(problems(withAnnotation("a/" + "n".repeat(64), "v")))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("name part", "64 characters long"));
        }

        @Test
        void acceptsAPrefixOf253Characters() {
            assertThat(problems(withLabel(PREFIX_253 + "/name", "v"))).isEmpty();
        }

        @ParameterizedTest(name = "rejects \"{0}\"")
        @ValueSource(strings = {
                "", "a#b", "/foo", "foo/", "a/b/c", "Example.com/foo", "example..com/foo", ".example.com/foo",
                "example.com./foo", "-example.com/foo", "example_com/foo", "example.com/-foo", "example.com/foo-",
                "ünï/foo", "foo bar"
        })
        void rejectsInvalidLabelAndAnnotationKeys(String key) {
            assertThat(problems(withLabel(key, "v")))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.labels." + key);
                        assertThat(p.message()).contains("Label key", Json.quote(key), "is not valid");
                    });
            assertThat(problems(withAnnotation(key, "v")))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.annotations." + key);
                        assertThat(p.message()).contains("Annotation key", "is not valid");
                    });
        }

        @Test
        void rejectsAPrefixOf254Characters() {
            assertThat(problems(withLabel(PREFIX_254 + "/name", "v")))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("254 characters long", "at most 253"));
        }

        @Test
        void rejectsAPrefixPartOf64Characters() {
            assertThat(problems(withLabel("a".repeat(64) + ".io/name", "v")))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("prefix", "64 characters long"));
        }
    }

    @Nested
    class LabelValues {

        @ParameterizedTest(name = "accepts \"{0}\"")
        @ValueSource(strings = {"", "v", "ValueStuff", "a.b_c-d", "42"})
        void acceptsEmptyOrObjectNames(String value) {
            assertThat(problems(withLabel("key", value))).isEmpty();
        }

        @Test
        void accepts63Characters() {
            assertThat(problems(withLabel("key", "v".repeat(63)))).isEmpty();
        }

        @ParameterizedTest(name = "rejects \"{0}\"")
        @ValueSource(strings = {" ", "a#b", "-a", "a-", "Random value Generator", "ü", "a\n"})
        void rejectsOtherStrings(String value) {
            assertThat(problems(withLabel("key", value)))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.labels.key");
                        assertThat(p.message()).contains("Label \"key\"", "not a valid label value");
                    });
        }

        @Test
        void rejects64Characters() {
            assertThat(problems(withLabel("key", "v".repeat(64))))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("64 characters long"));
        }

        @ParameterizedTest(name = "rejects {0}")
        @ValueSource(strings = {"7", "true", "null", "[]", "{}"})
        void mustBeStrings(String jsonValue) {
            assertThat(problems(withLabel("key", json(jsonValue))))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.labels.key");
                        assertThat(p.message()).contains("must have a string value");
                    });
        }

        @Test
        void reportsABadKeyAndABadValueOfTheSameLabel() {
            assertThat(problems(withLabel("a#b", "c#d")))
                    .extracting(Problem::message)
                    .hasSize(2)
                    .anySatisfy(m -> assertThat(m).contains("Label key"))
                    .anySatisfy(m -> assertThat(m).contains("label value"));
        }
    }

    @Nested
    class AnnotationValues {

        @ParameterizedTest(name = "accepts \"{0}\"")
        @ValueSource(strings = {
                "", " ", "https://github.com/..../tree/develop/doc", "multi\nline", "ünïcode ✓ 名前", "'quoted'"
        })
        void acceptsAnyString(String value) {
            assertThat(problems(withAnnotation("example.com/key", value))).isEmpty();
        }

        @Test
        void acceptsAVeryLongString() {
            assertThat(problems(withAnnotation("example.com/key", "x".repeat(100_000)))).isEmpty();
        }

        @ParameterizedTest(name = "rejects {0}")
        @ValueSource(strings = {"123456", "true", "null", "1.5", "[\"a\"]", "{\"a\": \"b\"}"})
        void rejectsNonStrings(String jsonValue) {
            assertThat(problems(withAnnotation("github.com/user-id", json(jsonValue))))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.annotations.github.com/user-id");
                        assertThat(p.message()).contains("must have a string value");
                    });
        }
    }

    @Nested
    class Containers {

        @ParameterizedTest(name = "labels = {0}")
        @ValueSource(strings = {"[]", "\"a=b\"", "7", "null"})
        void labelsMustBeAnObject(String jsonValue) {
            assertThat(problems(set(component(), "metadata.labels", json(jsonValue))))
                    .singleElement()
                    .satisfies(p -> assertThat(p.path()).isEqualTo("metadata.labels"));
        }

        @ParameterizedTest(name = "annotations = {0}")
        @ValueSource(strings = {"[]", "\"a=b\"", "7", "null"})
        void annotationsMustBeAnObject(String jsonValue) {
            assertThat(problems(set(component(), "metadata.annotations", json(jsonValue))))
                    .singleElement()
                    .satisfies(p -> assertThat(p.path()).isEqualTo("metadata.annotations"));
        }

        @Test
        void emptyObjectsAreFine() {
            var entity = set(component(), "metadata.labels", json("{}"));
            set(entity, "metadata.annotations", json("{}"));

            assertThat(problems(entity)).isEmpty();
        }

        @Test
        void reportsEveryBadEntry() {
            var entity = TestEntities.yaml("""
                    apiVersion: backstage.io/v1alpha1
                    kind: Component
                    metadata:
                      name: a
                      labels:
                        good: ok
                        bad1: "x y"
                        bad#2: ok
                      annotations:
                        fine.io/x: anything
                        number.io/y: 7
                    spec: {type: service, lifecycle: production, owner: me}
                    """);

            assertThat(problems(entity)).extracting(Problem::path)
                    .containsExactly("metadata.labels.bad1", "metadata.labels.bad#2", "metadata.annotations.number.io/y");
        }
    }
}
