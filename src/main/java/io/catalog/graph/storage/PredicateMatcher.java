package io.catalog.graph.storage;

import java.util.Locale;
import java.util.Map;

/** Evaluates a {@link Predicate} against a flat record in memory (locations are few; entities use SQL). */
public final class PredicateMatcher {

    private PredicateMatcher() {
    }

    public static boolean matches(Predicate predicate, Map<String, String> record) {
        if (predicate instanceof Predicate.All all) {
            return all.all().stream().allMatch(p -> matches(p, record));
        }
        if (predicate instanceof Predicate.Any any) {
            return any.any().stream().anyMatch(p -> matches(p, record));
        }
        if (predicate instanceof Predicate.Not not) {
            return !matches(not.not(), record);
        }
        if (predicate instanceof Predicate.Exists exists) {
            return value(record, exists.key()) != null == exists.exists();
        }
        if (predicate instanceof Predicate.In in) {
            String value = value(record, in.key());
            return value != null && in.values().contains(value);
        }
        Predicate.HasPrefix prefix = (Predicate.HasPrefix) predicate;
        String value = value(record, prefix.key());
        return value != null && value.startsWith(prefix.prefix());
    }

    private static String value(Map<String, String> record, String key) {
        for (Map.Entry<String, String> field : record.entrySet()) {
            if (field.getKey().equalsIgnoreCase(key)) {
                return field.getValue() == null ? null : field.getValue().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }
}
