package io.catalog.graph.ingest;

import io.catalog.graph.model.LocationSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Replaces {@code {$text: ./file}}, {@code {$json: ...}} and {@code {$yaml: ...}} values with the content they point
 * at, read relative to the descriptor's own location through the same {@link LocationReader} and policy.
 */
public final class PlaceholderResolver {

    /** Raised for an unknown placeholder, a bad target or unreadable content; {@code path} is the field. */
    public static class PlaceholderException extends Exception {
        private final String path;

        PlaceholderException(String path, String message) {
            super(message);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** Reads one placeholder target; implemented by the caller so reads can be recorded and cached. */
    @FunctionalInterface
    public interface Fetcher {
        byte[] fetch(LocationSpec target) throws LocationReadException;
    }

    private final ObjectMapper json;
    private final DescriptorParser yaml;
    private final int maxPerDocument;

    public PlaceholderResolver(ObjectMapper json, DescriptorParser yaml, int maxPerDocument) {
        this.json = json;
        this.yaml = yaml;
        this.maxPerDocument = maxPerDocument;
    }

    /**
     * Resolves placeholders inside {@code node} (one document) in place and returns the node (or its replacement);
     * what they bring in is spent from the location's {@code expansion} budget.
     */
    public JsonNode resolve(JsonNode node, LocationSpec base, Fetcher fetcher, ExpansionBudget expansion) throws PlaceholderException {
        return new Substitution(base, fetcher, expansion).resolve(node, "");
    }

    /** The resolution of one document: what it reads from and spends, and how many placeholders it has met. */
    private final class Substitution {
        private final LocationSpec base;
        private final Fetcher fetcher;
        private final ExpansionBudget expansion;
        private int placeholders;

        Substitution(LocationSpec base, Fetcher fetcher, ExpansionBudget expansion) {
            this.base = base;
            this.fetcher = fetcher;
            this.expansion = expansion;
        }

        private JsonNode resolve(JsonNode node, String path) throws PlaceholderException {
            if (node instanceof ObjectNode object) {
                if (object.size() == 1 && object.fieldNames().next().startsWith("$")) {
                    Map.Entry<String, JsonNode> placeholder = object.fields().next();
                    return substitute(placeholder.getKey(), placeholder.getValue(), path);
                }
                for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
                    JsonNode resolved = resolve(field.getValue(), join(path, field.getKey()));
                    if (resolved != field.getValue()) {
                        object.set(field.getKey(), resolved);
                    }
                }
            } else if (node instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    JsonNode resolved = resolve(array.get(i), path + "[" + i + "]");
                    if (resolved != array.get(i)) {
                        array.set(i, resolved);
                    }
                }
            }
            return node;
        }

        private JsonNode substitute(String placeholder, JsonNode value, String path) throws PlaceholderException {
            if (!placeholder.equals("$text") && !placeholder.equals("$json") && !placeholder.equals("$yaml")) {
                throw new PlaceholderException(path, "unknown placeholder " + placeholder + " (supported: $text, $json, $yaml)");
            }
            if (++placeholders > maxPerDocument) {
                throw new PlaceholderException(path, "more than " + maxPerDocument
                        + " placeholders in one document (catalog.limits.max-placeholders-per-document)");
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new PlaceholderException(path, "placeholder " + placeholder + " needs a non-empty string target");
            }
            LocationSpec target;
            try {
                target = base.resolve(null, value.asText());
            } catch (IllegalArgumentException e) {
                throw new PlaceholderException(path, "placeholder " + placeholder + " target is invalid: " + e.getMessage());
            }
            byte[] content;
            try {
                content = fetcher.fetch(target);
            } catch (LocationReadException e) {
                throw new PlaceholderException(path, "placeholder " + placeholder + " could not be read: " + e.getMessage());
            }
            // a target is read once but may be used again and again: every use is spent, YAML by what it expands into
            if (!placeholder.equals("$yaml") && !expansion.spend(content.length)) {
                throw new PlaceholderException(path, "placeholder " + placeholder + " content of " + target + " not used: "
                        + expansion.exceeded());
            }
            try {
                return switch (placeholder) {
                    case "$text" -> TextNode.valueOf(new String(content, StandardCharsets.UTF_8));
                    case "$json" -> json.readTree(content);
                    default -> singleYamlDocument(content);
                };
            } catch (Exception e) {
                throw new PlaceholderException(path, "placeholder " + placeholder + " content of " + target
                        + " could not be parsed: " + e.getMessage());
            }
        }

        private JsonNode singleYamlDocument(byte[] content) throws DescriptorParseException {
            List<DescriptorParser.Document> documents = yaml.parse(content, expansion);
            if (documents.size() != 1) {
                throw new DescriptorParseException("expected one YAML document, found " + documents.size(), -1);
            }
            return documents.get(0).node();
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
