package io.catalog.graph.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The relation types of the built-in kinds, each paired with its inverse. */
public final class RelationTypes {

    public static final String OWNED_BY = "ownedBy";
    public static final String OWNER_OF = "ownerOf";
    public static final String PART_OF = "partOf";
    public static final String HAS_PART = "hasPart";
    public static final String PROVIDES_API = "providesApi";
    public static final String API_PROVIDED_BY = "apiProvidedBy";
    public static final String CONSUMES_API = "consumesApi";
    public static final String API_CONSUMED_BY = "apiConsumedBy";
    public static final String DEPENDS_ON = "dependsOn";
    public static final String DEPENDENCY_OF = "dependencyOf";
    public static final String MEMBER_OF = "memberOf";
    public static final String HAS_MEMBER = "hasMember";
    public static final String CHILD_OF = "childOf";
    public static final String PARENT_OF = "parentOf";

    private static final Map<String, String> INVERSES = buildInverses();

    private RelationTypes() {
    }

    /**
     * The type of the same edge seen from its other end, e.g. {@code ownerOf} for {@code ownedBy}.
     *
     * @throws IllegalArgumentException for a type that is not one of the constants of this class
     */
    public static String inverse(String type) {
        String inverse = type == null ? null : INVERSES.get(type);
        if (inverse == null) {
            throw new IllegalArgumentException("Unknown relation type \"" + type + "\"; known types are " + all());
        }
        return inverse;
    }

    /** Every known relation type, in a stable order (each type directly followed by its inverse). */
    public static Set<String> all() {
        return INVERSES.keySet();
    }

    private static Map<String, String> buildInverses() {
        Map<String, String> map = new LinkedHashMap<>();
        pair(map, OWNED_BY, OWNER_OF);
        pair(map, PART_OF, HAS_PART);
        pair(map, PROVIDES_API, API_PROVIDED_BY);
        pair(map, CONSUMES_API, API_CONSUMED_BY);
        pair(map, DEPENDS_ON, DEPENDENCY_OF);
        pair(map, MEMBER_OF, HAS_MEMBER);
        pair(map, CHILD_OF, PARENT_OF);
        return Collections.unmodifiableMap(map);
    }

    private static void pair(Map<String, String> map, String type, String inverse) {
        map.put(type, inverse);
        map.put(inverse, type);
    }
}
