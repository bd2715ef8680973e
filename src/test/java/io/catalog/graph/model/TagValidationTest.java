package io.catalog.graph.model;

import static io.catalog.graph.model.TestEntities.component;
import static io.catalog.graph.model.TestEntities.json;
import static io.catalog.graph.model.TestEntities.problems;
import static io.catalog.graph.model.TestEntities.set;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagValidationTest {

    @ParameterizedTest(name = "accepts \"{0}\"")
    @ValueSource(strings = {"java", "data-service", "c++", "c#", "f#-lang", "a:b", "1", "k8s", "a-b-c", "::", "+"})
    void acceptsLowerCaseGroupsJoinedBySingleHyphens(String tag) {
        assertThat(problems(set(component(), "metadata.tags", List.of(tag)))).isEmpty();
    }

    @Test
    void accepts63Characters() {
        assertThat(problems(set(component(), "metadata.tags", List.of("t".repeat(63))))).isEmpty();
    }

    @Test
    void rejects64Characters() {
        assertThat(problems(set(component(), "metadata.tags", List.of("t".repeat(64)))))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("metadata.tags.0");
                    assertThat(p.message()).contains("64 characters long");
                });
    }

    @ParameterizedTest(name = "rejects \"{0}\"")
    @ValueSource(strings = {
            "", "Java", "JAVA", "Hello World", "a--b", "-a", "a-", "-", "a_b", "a.b", "a/b", "ü", "tag ", "\ttag"
    })
    void rejectsOtherStrings(String tag) {
        assertThat(problems(set(component(), "metadata.tags", List.of(tag))))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("metadata.tags.0");
                    assertThat(p.message()).contains("is not a valid tag", Json.quote(tag));
                });
    }

    @Test
    void reportsEachBadTagByItsIndex() {
        var entity = set(component(), "metadata.tags", List.of("good", "Bad", "fine", "also bad"));

        assertThat(problems(entity)).extracting(Problem::path).containsExactly("metadata.tags.1", "metadata.tags.3");
    }

    @ParameterizedTest(name = "rejects the item {0}")
    @ValueSource(strings = {"7", "true", "null", "[\"java\"]", "{\"java\": true}"})
    void tagsMustBeStrings(String jsonValue) {
        assertThat(problems(set(component(), "metadata.tags", json("[" + jsonValue + "]"))))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("metadata.tags.0");
                    assertThat(p.message()).contains("must be a string");
                });
    }

    @ParameterizedTest(name = "rejects tags = {0}")
    @ValueSource(strings = {"\"java\"", "{}", "7", "null"})
    void tagsMustBeAnArray(String jsonValue) {
        assertThat(problems(set(component(), "metadata.tags", json(jsonValue))))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path()).isEqualTo("metadata.tags");
                    assertThat(p.message()).contains("must be an array");
                });
    }

    @Test
    void anEmptyArrayIsFine() {
        assertThat(problems(set(component(), "metadata.tags", List.of()))).isEmpty();
    }
}
