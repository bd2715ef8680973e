package io.catalog.graph.api;

import io.catalog.graph.storage.EntityQuery;

import java.util.List;
import java.util.Locale;

/** The {@code orderField=metadata.name,asc} parameters of {@code /entities/by-query}. */
final class OrderFields {

    private OrderFields() {
    }

    static List<EntityQuery.Order> parse(List<String> parameters) {
        if (parameters == null) {
            return List.of();
        }
        return parameters.stream().filter(p -> !p.isBlank()).map(OrderFields::parseOne).toList();
    }

    private static EntityQuery.Order parseOne(String parameter) {
        int comma = parameter.lastIndexOf(',');
        String field = (comma < 0 ? parameter : parameter.substring(0, comma)).trim();
        String direction = comma < 0 ? "asc" : parameter.substring(comma + 1).trim().toLowerCase(Locale.ROOT);
        if (field.isEmpty() || !direction.equals("asc") && !direction.equals("desc")) {
            throw ApiException.badRequest("Invalid orderField '" + parameter + "', expected <field>,asc or <field>,desc");
        }
        return new EntityQuery.Order(field.toLowerCase(Locale.ROOT), direction.equals("desc"));
    }
}
