package io.catalog.graph.model;

import static io.catalog.graph.model.TestEntities.component;
import static io.catalog.graph.model.TestEntities.json;
import static io.catalog.graph.model.TestEntities.problems;
import static io.catalog.graph.model.TestEntities.remove;
import static io.catalog.graph.model.TestEntities.set;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameAndNamespaceValidationTest {

    static final String A63 = "a".repeat(63);
    static final String A64 = "a".repeat(64);

    @Nested
    class Name {

        @ParameterizedTest(name = "accepts \"{0}\"")
        @ValueSource(strings = {
                "a", "A", "1", "artist-web", "Artist_Web.v2", "a--b", "a..b", "a__b", "a-_.b", "LoremService",
                "0123456789"
        })
        void acceptsValidNames(String name) {
            assertThat(problems(set(component(), "metadata.name", name))).isEmpty();
        }

        @Test
        void accepts63Characters() {
            assertThat(problems(set(component(), "metadata.name", A63))).isEmpty();
        }

        @ParameterizedTest(name = "rejects \"{0}\"")
        @ValueSource(strings = {
                "-a", "a-", ".a", "a.", "_a", "a_", "-", ".", "my name", " a", "a ", "a/b", "a:b", "a#b", "a@b",
                "ünïcode", "名前", "a\n", "\ta", "a\u0000b", "a\u00a0b"
        })
        void rejectsBadCharactersAndLeadingOrTrailingPunctuation(String name) {
            assertThat(problems(set(component(), "metadata.name", name)))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.name");
                        assertThat(p.message()).contains("is not a valid entity name");
                    });
        }

        @Test
        void rejects64Characters() {
            assertThat(problems(set(component(), "metadata.name", A64)))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.name");
                        assertThat(p.message()).contains("64 characters long", "at most 63");
                    });
        }

        @Test
        void rejectsTheEmptyString() {
            assertThat(problems(set(component(), "metadata.name", "")))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("\"\"", "empty"));
        }

        @Test
        void theMessageNamesTheBadValue() {
            assertThat(problems(set(component(), "metadata.name", "my name")))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("\"my name\""));
        }

        @Test
        void aVeryLongValueIsShortenedInTheMessage() {
            assertThat(problems(set(component(), "metadata.name", "a".repeat(10_000))))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).hasSizeLessThan(300).contains("10000 characters"));
        }

        @Test
        void isRequired() {
            assertThat(problems(remove(component(), "metadata.name")))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.name");
                        assertThat(p.message()).contains("required", "missing");
                    });
        }

        @Test
        void mustNotBeNull() {
            assertThat(problems(set(component(), "metadata.name", null)))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("required", "null"));
        }

        @ParameterizedTest(name = "rejects {0}")
        @MethodSource("io.catalog.graph.model.NameAndNamespaceValidationTest#nonStrings")
        void mustBeAString(String jsonValue, String described) {
            assertThat(problems(set(component(), "metadata.name", json(jsonValue))))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.name");
                        assertThat(p.message()).contains("must be a string", described);
                    });
        }
    }

    @Nested
    class Namespace {

        @ParameterizedTest(name = "accepts \"{0}\"")
        @ValueSource(strings = {"default", "a", "1", "my-team", "a--b", "team-42"})
        void acceptsDnsLabels(String namespace) {
            assertThat(problems(set(component(), "metadata.namespace", namespace))).isEmpty();
        }

        @Test
        void accepts63ButNot64Characters() {
            assertThat(problems(set(component(), "metadata.namespace", A63))).isEmpty();
            assertThat(problems(set(component(), "metadata.namespace", A64)))
                    .singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("64 characters long"));
        }

        @ParameterizedTest(name = "rejects \"{0}\"")
        @ValueSource(strings = {
                "", "Default", "DEFAULT", "my_team", "my.team", "-a", "a-", "-", "my team", "team ", "ñ", "a/b"
        })
        void rejectsAnythingButLowerCaseDnsLabels(String namespace) {
            assertThat(problems(set(component(), "metadata.namespace", namespace)))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.namespace");
                        assertThat(p.message()).contains("is not a valid namespace");
                    });
        }

        @Test
        void isOptional() {
            assertThat(problems(component())).isEmpty();
        }

        @ParameterizedTest(name = "rejects {0}")
        @MethodSource("io.catalog.graph.model.NameAndNamespaceValidationTest#nonStringsAndNull")
        void mustBeAString(String jsonValue, String described) {
            assertThat(problems(set(component(), "metadata.namespace", json(jsonValue))))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata.namespace");
                        assertThat(p.message()).contains("must be a string", described);
                    });
        }
    }

    @Nested
    class OtherMetadataFields {

        @Test
        void acceptsTitleDescriptionUidEtagAndUnknownFields() {
            var entity = component();
            set(entity, "metadata.title", "Artist Web ✨");
            set(entity, "metadata.description", "");
            set(entity, "metadata.uid", "e01199ab-08cc-44c2-8e19-5c29ded82521");
            set(entity, "metadata.etag", "lsndfkjsndfkjnsdfkjnsd==");
            set(entity, "metadata.somethingCustom", json("{\"any\": [1, 2]}"));

            assertThat(problems(entity)).isEmpty();
        }

        @ParameterizedTest(name = "metadata.{0} = {1}")
        @MethodSource("io.catalog.graph.model.NameAndNamespaceValidationTest#badOtherFields")
        void rejectsWrongValues(String field, String jsonValue, String expected) {
            assertThat(problems(set(component(), "metadata." + field, json(jsonValue))))
                    .singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("metadata." + field);
                        assertThat(p.message()).contains(expected);
                    });
        }
    }

    static Stream<Arguments> nonStrings() {
        return Stream.of(
                Arguments.of("7", "the number 7"),
                Arguments.of("1.5", "the number 1.5"),
                Arguments.of("true", "the boolean true"),
                Arguments.of("[\"a\"]", "an array"),
                Arguments.of("{\"a\": 1}", "an object"));
    }

    static Stream<Arguments> nonStringsAndNull() {
        return Stream.concat(nonStrings(), Stream.of(Arguments.of("null", "null")));
    }

    static Stream<Arguments> badOtherFields() {
        return Stream.of(
                Arguments.of("title", "\"\"", "must not be an empty string"),
                Arguments.of("title", "7", "the number 7"),
                Arguments.of("title", "null", "null"),
                Arguments.of("description", "false", "the boolean false"),
                Arguments.of("description", "[]", "an array"),
                Arguments.of("uid", "\"\"", "must not be an empty string"),
                Arguments.of("uid", "42", "the number 42"),
                Arguments.of("etag", "\"\"", "must not be an empty string"),
                Arguments.of("etag", "{}", "an object"));
    }
}
