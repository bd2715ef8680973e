package io.catalog.graph.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldSelectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode entity() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {
                      "apiVersion": "backstage.io/v1alpha1",
                      "kind": "Component",
                      "metadata": {
                        "name": "orders",
                        "namespace": "default",
                        "annotations": {"backstage.io/source-location": "url:https://example.com/", "acme.com/team": "orders"}
                      },
                      "spec": {"type": "service", "owner": "orders-team"},
                      "relations": [{"type": "ownedBy", "targetRef": "group:default/orders-team"}]
                    }
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void noFieldsKeepsTheWholeEntity() {
        ObjectNode entity = entity();

        assertThat(FieldSelection.parse(null).all()).isTrue();
        assertThat(FieldSelection.parse(List.of()).apply(entity)).isSameAs(entity);
        assertThat(FieldSelection.parse(List.of(" , ")).all()).isTrue();
    }

    @Test
    void keepsOnlyTheNamedFields() {
        FieldSelection selection = FieldSelection.parse(List.of("kind,metadata.name"));

        assertThat(selection.all()).isFalse();
        assertThat(selection.apply(entity())).isEqualTo(json("{\"kind\": \"Component\", \"metadata\": {\"name\": \"orders\"}}"));
    }

    @Test
    void repeatedParametersAddUpAndFieldsUnderOneParentAreMerged() {
        FieldSelection selection = FieldSelection.parse(List.of("metadata.name", " metadata.namespace , spec.owner "));

        assertThat(selection.apply(entity())).isEqualTo(json("""
                {"metadata": {"name": "orders", "namespace": "default"}, "spec": {"owner": "orders-team"}}"""));
    }

    @Test
    void aWholeObjectOrArrayCanBeSelected() {
        JsonNode selected = FieldSelection.parse(List.of("relations,metadata.annotations")).apply(entity());

        assertThat(selected.get("relations")).isEqualTo(entity().get("relations"));
        assertThat(selected.at("/metadata/annotations")).isEqualTo(entity().at("/metadata/annotations"));
        assertThat(selected.get("metadata")).hasSize(1);
    }

    @Test
    void fieldsTheEntityDoesNotHaveAreLeftOut() {
        JsonNode selected = FieldSelection.parse(List.of("metadata.title,spec.type.deeper,kind")).apply(entity());

        assertThat(selected).isEqualTo(json("{\"kind\": \"Component\"}"));
    }

    @Test
    void theEntityItselfIsNotChanged() {
        ObjectNode entity = entity();

        FieldSelection.parse(List.of("metadata.name")).apply(entity);

        assertThat(entity).isEqualTo(entity());
    }
}
