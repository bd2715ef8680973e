package io.catalog.graph.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a GraphQL answer says of each repository looked into, as GitHub shapes it. */
class DescriptorLookupTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<DescriptorLookup.Target> TARGETS = List.of(
            new DescriptorLookup.Target("acme/a", "acme", "a", "main", "catalog-info.yaml"),
            new DescriptorLookup.Target("acme/b", "acme", "b", "main", "catalog-info.yaml"),
            new DescriptorLookup.Target("acme/c", "acme", "c", "release/1.0", "catalog-info.yaml"),
            new DescriptorLookup.Target("acme/d", "acme", "d", "main", "catalog-info.yaml"),
            new DescriptorLookup.Target("acme/e", "acme", "e", "main", "catalog-info.yaml"),
            new DescriptorLookup.Target("acme/f", "acme", "f", "main", "catalog-info.yaml"));

    private static JsonNode answer(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void asksForTheObjectAtBranchAndPathOfEveryRepositoryThroughVariables() {
        String query = DescriptorLookup.query(2);
        assertThat(query).isEqualTo("query($o0: String!, $n0: String!, $e0: String!, $o1: String!, $n1: String!, $e1: String!) {"
                + " r0: repository(owner: $o0, name: $n0) { object(expression: $e0) { __typename ... on Blob { oid byteSize isBinary isTruncated text } } }"
                + " r1: repository(owner: $o1, name: $n1) { object(expression: $e1) { __typename ... on Blob { oid byteSize isBinary isTruncated text } } } }");
        assertThat(DescriptorLookup.variables(TARGETS.subList(2, 3), JSON).toString())
                .isEqualTo("{\"o0\":\"acme\",\"n0\":\"c\",\"e0\":\"release/1.0:catalog-info.yaml\"}");
    }

    @Test
    void aBlobIsADescriptorWithItsTextAndNothingThereIsNone() throws Exception {
        Map<String, DescriptorLookup.Answer> answers = DescriptorLookup.answers(TARGETS, answer("""
                {'data': {
                  'r0': {'object': {'__typename': 'Blob', 'oid': 'abc', 'byteSize': 5, 'isBinary': false, 'isTruncated': false, 'text': 'kind:'}},
                  'r1': {'object': null},
                  'r2': {'object': {'__typename': 'Tree'}},
                  'r3': {'object': {'__typename': 'Blob', 'oid': 'big', 'byteSize': 900000, 'isBinary': false, 'isTruncated': true, 'text': 'kin'}},
                  'r4': {'object': {'__typename': 'Blob', 'oid': 'bin', 'byteSize': 9, 'isBinary': true, 'isTruncated': false, 'text': null}},
                  'r5': null},
                 'errors': [{'type': 'NOT_FOUND', 'path': ['r5'], 'message': 'Could not resolve to a Repository with the name acme/f.'}]}
                """));

        assertThat(answers.get("acme/a")).isInstanceOfSatisfying(DescriptorLookup.Present.class, p -> {
            assertThat(p.found().paths()).containsExactly("catalog-info.yaml");
            assertThat(new String(p.text(), StandardCharsets.UTF_8)).isEqualTo("kind:");
        });
        assertThat(answers.get("acme/b")).as("no such file").isInstanceOf(DescriptorLookup.Absent.class);
        assertThat(answers.get("acme/c")).as("a folder at the path").isInstanceOf(DescriptorLookup.Absent.class);
        assertThat(answers.get("acme/d")).as("there, but its text cut: read through REST")
                .isInstanceOfSatisfying(DescriptorLookup.Present.class, p -> assertThat(p.text()).isNull());
        assertThat(answers.get("acme/e")).isInstanceOfSatisfying(DescriptorLookup.Present.class, p -> assertThat(p.text()).isNull());
        assertThat(answers).as("a repository GraphQL could not resolve is left to REST").doesNotContainKey("acme/f");
    }

    @Test
    void aRepositoryMissingFromTheAnswerIsLeftToRest() throws Exception {
        Map<String, DescriptorLookup.Answer> answers = DescriptorLookup.answers(TARGETS.subList(0, 2), answer("{'data': {'r1': {'object': null}}}"));
        assertThat(answers).containsOnlyKeys("acme/b");
    }
}
