package io.catalog.graph.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One GraphQL query for the descriptor at an exact {@code catalog-path} in up to {@link #BATCH} repositories, and
 * what its answer says of each. Through REST that is a request per repository (10,000 for an organisation of
 * 10,000, two hours of a token's budget); here a query of 50 costs one point of GraphQL's separate budget, and
 * carries the file's text, so the refresh loop need not ask again. Pure: the query text, its variables, the
 * reading of the answer.
 */
final class DescriptorLookup {

    /** Repositories per query: small enough to stay far from GitHub's GraphQL timeouts, large enough to be cheap. */
    static final int BATCH = 50;

    /** One repository to look in: {@code key} is its {@link ListedRepository#keyOf key}. */
    record Target(String key, String owner, String name, String branch, String path) {
        String expression() {
            return branch + ":" + path;
        }
    }

    /** What the answer says of one repository. */
    sealed interface Answer permits Present, Absent {
        DescriptorFinder.Found found();
    }

    /**
     * The descriptor is there. {@code text} is null when GitHub did not give it in full (binary, or cut for size):
     * the refresh loop reads it through the contents API then.
     */
    record Present(String path, String oid, byte[] text) implements Answer {
        @Override
        public DescriptorFinder.Found found() {
            return new DescriptorFinder.Found(List.of(path), true);
        }
    }

    /** The repository has no file at the path (or a folder there, or no commit at all). */
    record Absent() implements Answer {
        @Override
        public DescriptorFinder.Found found() {
            return new DescriptorFinder.Found(List.of(), true);
        }
    }

    private DescriptorLookup() {
    }

    static String query(int targets) {
        StringBuilder declared = new StringBuilder();
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < targets; i++) {
            declared.append(i == 0 ? "" : ", ").append("$o").append(i).append(": String!, $n").append(i)
                    .append(": String!, $e").append(i).append(": String!");
            fields.append(" r").append(i).append(": repository(owner: $o").append(i).append(", name: $n").append(i)
                    .append(") { object(expression: $e").append(i)
                    .append(") { __typename ... on Blob { oid byteSize isBinary isTruncated text } } }");
        }
        return "query(" + declared + ") {" + fields + " }";
    }

    static ObjectNode variables(List<Target> targets, ObjectMapper json) {
        ObjectNode variables = json.createObjectNode();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            variables.put("o" + i, target.owner()).put("n" + i, target.name()).put("e" + i, target.expression());
        }
        return variables;
    }

    /**
     * The repositories the answer settles, by key. A repository it does not settle (an error names it, or its field is
     * missing) is left out: the caller asks REST, whose answer it knows how to judge.
     */
    static Map<String, Answer> answers(List<Target> targets, JsonNode answer) {
        Set<String> failed = new HashSet<>();
        for (JsonNode error : answer.path("errors")) {
            failed.add(error.path("path").path(0).asText());
        }
        Map<String, Answer> settled = new HashMap<>();
        JsonNode data = answer.path("data");
        for (int i = 0; i < targets.size(); i++) {
            String alias = "r" + i;
            JsonNode repository = data.get(alias);
            if (failed.contains(alias) || repository == null || !repository.isObject()) {
                continue;
            }
            JsonNode object = repository.get("object");
            Target target = targets.get(i);
            if (object == null || object.isNull() || !"Blob".equals(object.path("__typename").asText())) {
                settled.put(target.key(), new Absent());
                continue;
            }
            JsonNode text = object.get("text");
            boolean whole = text != null && text.isTextual() && !object.path("isBinary").asBoolean(false)
                    && !object.path("isTruncated").asBoolean(false);
            settled.put(target.key(), new Present(target.path(), object.path("oid").asText(),
                    whole ? text.asText().getBytes(StandardCharsets.UTF_8) : null));
        }
        return settled;
    }
}
