package io.catalog.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.catalog.graph.storage.EntityQuery;
import io.catalog.graph.storage.EntityReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Backstage's {@code fields} parameter: keep only the named dotted paths (comma-separated or repeated). */
final class FieldSelection {

    private final List<String[]> paths;

    private FieldSelection(List<String[]> paths) {
        this.paths = paths;
    }

    static FieldSelection parse(List<String> parameters) {
        List<String[]> paths = new ArrayList<>();
        if (parameters != null) {
            for (String parameter : parameters) {
                for (String field : parameter.split(",")) {
                    String[] path = field.trim().split("\\.", -1);
                    if (Arrays.stream(path).noneMatch(String::isEmpty)) { // "", "." or "a..b" name no field
                        paths.add(path);
                    }
                }
            }
        }
        return new FieldSelection(paths);
    }

    boolean all() {
        return paths.isEmpty();
    }

    /**
     * A page of entities as an answer carries them: with every field kept, each entity's served text as stored
     * (written into the answer as it is, never parsed); with fields named, those fields.
     */
    EntityReader.Page<Object> page(EntityReader reader, EntityQuery query) {
        if (all()) {
            EntityReader.Page<String> page = reader.pageOfTexts(query);
            return new EntityReader.Page<>(page.items().stream().<Object>map(RawValue::new).toList(), page.first(), page.last(), page.more());
        }
        EntityReader.Page<ObjectNode> page = reader.page(query);
        return new EntityReader.Page<>(page.items().stream().<Object>map(this::apply).toList(), page.first(), page.last(), page.more());
    }

    JsonNode apply(ObjectNode entity) {
        if (paths.isEmpty()) {
            return entity;
        }
        ObjectNode selected = JsonNodeFactory.instance.objectNode();
        for (String[] path : paths) {
            copy(entity, selected, path, 0);
        }
        return selected;
    }

    private static void copy(JsonNode from, ObjectNode to, String[] path, int depth) {
        JsonNode value = from.get(path[depth]);
        if (value == null) {
            return;
        }
        if (depth == path.length - 1) {
            to.set(path[depth], value);
        } else if (value.isObject()) {
            JsonNode existing = to.get(path[depth]);
            ObjectNode child = existing instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
            copy(value, child, path, depth + 1);
            if (existing == null && !child.isEmpty()) {
                to.set(path[depth], child); // a field the entity lacks leaves no empty parent behind
            }
        }
    }
}
