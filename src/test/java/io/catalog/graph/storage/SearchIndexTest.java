package io.catalog.graph.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.storage.SearchIndex.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class SearchIndexTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void nestedObjectsBecomeDottedKeys() {
        assertThat(SearchIndex.rows(json("{'kind': 'Component', 'metadata': {'name': 'orders'}, 'spec': {'type': 'service'}}")))
                .containsExactly(new Row("kind", "component", "Component"), new Row("metadata.name", "orders"), new Row("spec.type", "service"));
    }

    @Test
    void everyArrayElementIsARowUnderTheSameKeyAndAKeyOfItsOwn() {
        assertThat(SearchIndex.rows(json("{'metadata': {'tags': ['java', 'Kafka', 'java']}}")))
                .containsExactly(new Row("metadata.tags", "java"), new Row("metadata.tags.java", "true"),
                        new Row("metadata.tags", "kafka", "Kafka"), new Row("metadata.tags.kafka", "true"));
    }

    @Test
    void objectsInsideArraysAreFlattenedUnderTheArraysKey() {
        assertThat(SearchIndex.rows(json("{'metadata': {'links': [{'url': 'https://a.example'}, {'url': 'https://b.example', 'title': 'B'}]}}")))
                .containsExactly(
                        new Row("metadata.links.url", "https://a.example"),
                        new Row("metadata.links.url", "https://b.example"),
                        new Row("metadata.links.title", "b", "B"));
    }

    @Test
    void keysAndValuesAreLowerCasedAndTheOriginalValueIsKeptForFacets() {
        assertThat(SearchIndex.rows(json("{'metadata': {'annotations': {'Acme.COM/Team': 'Orders-Team'}}}")))
                .containsExactly(new Row("metadata.annotations.acme.com/team", "orders-team", "Orders-Team"));
    }

    @Test
    void aValueLongerThan200CharactersIsIndexedAsPresentWithoutAValue() {
        String atLimit = "a".repeat(200);
        String overLimit = "b".repeat(201);
        ObjectNode entity = JSON.createObjectNode();
        entity.putObject("metadata").put("title", atLimit).put("description", overLimit);

        assertThat(SearchIndex.rows(entity))
                .containsExactly(new Row("metadata.title", atLimit), new Row("metadata.description", null));
    }

    @Test
    void numbersAndBooleansAreIndexedAsText() {
        assertThat(SearchIndex.rows(json("{'spec': {'replicas': 3, 'ratio': 0.5, 'public': true, 'internal': false}}")))
                .containsExactly(
                        new Row("spec.replicas", "3"),
                        new Row("spec.ratio", "0.5"),
                        new Row("spec.public", "true"),
                        new Row("spec.internal", "false"));
    }

    @Test
    void nullsAndEmptyCollectionsGiveNoRows() {
        assertThat(SearchIndex.rows(json("{'spec': {'owner': null, 'tags': [], 'profile': {}, 'list': [null, 'x']}}")))
                .containsExactly(new Row("spec.list", "x"), new Row("spec.list.x", "true"));
    }

    @Test
    void aScalarWithoutAKeyGivesNoRow() {
        assertThat(SearchIndex.rows(json("'just text'"))).isEmpty();
        assertThat(SearchIndex.rows(json("['a', 'b']"))).isEmpty();
    }
}
