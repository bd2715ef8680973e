package io.catalog.graph.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Backstage's filter syntax: each {@code filter} parameter is a comma-separated AND of {@code key=value} (or a bare
 * {@code key}: the field exists); repeated parameters are OR-ed; a key repeated inside one parameter matches any of
 * its values. Keys and values compare case-insensitively. An empty filter matches everything.
 */
public record EntityFilter(List<Map<String, List<String>>> anyOf) {

    public static final EntityFilter ALL = new EntityFilter(List.of());

    public static EntityFilter parse(List<String> parameters) {
        List<Map<String, List<String>>> alternatives = new ArrayList<>();
        for (String parameter : parameters == null ? List.<String>of() : parameters) {
            Map<String, List<String>> conditions = new LinkedHashMap<>();
            for (String statement : parameter.split(",")) {
                String trimmed = statement.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                String key = (equals < 0 ? trimmed : trimmed.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("Invalid filter '" + parameter + "': a condition has no key");
                }
                List<String> values = conditions.computeIfAbsent(key, k -> new ArrayList<>());
                if (equals >= 0) {
                    values.add(trimmed.substring(equals + 1).trim().toLowerCase(Locale.ROOT));
                }
            }
            if (!conditions.isEmpty()) {
                alternatives.add(conditions);
            }
        }
        return new EntityFilter(alternatives);
    }
}
