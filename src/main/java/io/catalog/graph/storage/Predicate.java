package io.catalog.graph.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A condition on entities: the tree behind both Backstage filter syntaxes, the {@code filter=} strings and the
 * {@code $all/$any/$not/$exists/$in/$hasPrefix} predicates of {@code POST /entities/by-query}. Keys and values are
 * lower-cased, as the search index is.
 */
public sealed interface Predicate {

    record All(List<Predicate> all) implements Predicate {
    }

    record Any(List<Predicate> any) implements Predicate {
    }

    record Not(Predicate not) implements Predicate {
    }

    /** The field has one of {@code values}. */
    record In(String key, List<String> values) implements Predicate {
        public In {
            key = key.toLowerCase(Locale.ROOT);
            values = values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        }
    }

    /** The field exists (or, with {@code exists} false, does not). */
    record Exists(String key, boolean exists) implements Predicate {
        public Exists {
            key = key.toLowerCase(Locale.ROOT);
        }
    }

    /** The field has a value starting with {@code prefix}. */
    record HasPrefix(String key, String prefix) implements Predicate {
        public HasPrefix {
            key = key.toLowerCase(Locale.ROOT);
            prefix = prefix.toLowerCase(Locale.ROOT);
        }
    }

    Predicate MATCH_ALL = new All(List.of());

    /** The legacy filter: OR of its parameters, AND inside one, any-of for a key's values, bare key = exists. */
    static Predicate of(EntityFilter filter) {
        if (filter.anyOf().isEmpty()) {
            return MATCH_ALL;
        }
        List<Predicate> alternatives = new ArrayList<>();
        for (Map<String, List<String>> conditions : filter.anyOf()) {
            List<Predicate> all = new ArrayList<>();
            conditions.forEach((key, values) -> all.add(values.isEmpty() ? new Exists(key, true) : new In(key, values)));
            alternatives.add(all.size() == 1 ? all.get(0) : new All(all));
        }
        return alternatives.size() == 1 ? alternatives.get(0) : new Any(alternatives);
    }

    /** Both conditions. */
    static Predicate and(Predicate a, Predicate b) {
        if (a.equals(MATCH_ALL)) {
            return b;
        }
        return b.equals(MATCH_ALL) ? a : new All(List.of(a, b));
    }
}
