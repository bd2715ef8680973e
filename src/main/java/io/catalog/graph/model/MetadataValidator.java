package io.catalog.graph.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The checks of {@code metadata}: the formats of FieldFormatEntityPolicy (name, namespace, label and annotation
 * keys and values, tags, links) and the types of the EntityMeta schema (title, description, uid, etag).
 */
final class MetadataValidator {

    private MetadataValidator() {
    }

    static void check(JsonNode metadata, List<Problem> out) {
        if (metadata == null) {
            out.add(new Problem("metadata", "metadata is required, but it is missing; it must be an object"
                    + " with at least a name."));
            return;
        }
        if (!metadata.isObject()) {
            out.add(Rule.typeProblem("metadata", "an object", metadata));
            return;
        }
        checkName(metadata.get("name"), out);
        checkNamespace(metadata.get("namespace"), out);
        optionalField(metadata, "title", Rule.nonEmptyString(), out);
        optionalField(metadata, "description", Rule.string(), out);
        optionalField(metadata, "uid", Rule.nonEmptyString(), out);
        optionalField(metadata, "etag", Rule.nonEmptyString(), out);
        checkLabels(metadata.get("labels"), out);
        checkAnnotations(metadata.get("annotations"), out);
        checkTags(metadata.get("tags"), out);
        checkLinks(metadata.get("links"), out);
    }

    private static void checkName(JsonNode name, List<Problem> out) {
        String path = "metadata.name";
        if (name == null || name.isNull()) {
            out.add(new Problem(path, path + " is required, but it is " + (name == null ? "missing" : "null")
                    + "; every entity needs a name."));
            return;
        }
        if (!name.isTextual()) {
            out.add(Rule.typeProblem(path, "a string", name));
            return;
        }
        format(path, name.asText(), "entity name", Formats::objectNameIssue, out);
    }

    private static void checkNamespace(JsonNode namespace, List<Problem> out) {
        if (namespace == null) {
            return;
        }
        String path = "metadata.namespace";
        if (!namespace.isTextual()) {
            out.add(Rule.typeProblem(path, "a string", namespace));
            return;
        }
        format(path, namespace.asText(), "namespace", Formats::dnsLabelIssue, out);
    }

    private static void checkLabels(JsonNode labels, List<Problem> out) {
        if (labels == null) {
            return;
        }
        if (!labels.isObject()) {
            out.add(Rule.typeProblem("metadata.labels", "an object of string keys and values", labels));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : labels.properties()) {
            String path = "metadata.labels." + entry.getKey();
            String label = Json.quote(entry.getKey());
            keyFormat(path, "Label key", entry.getKey(), out);
            JsonNode value = entry.getValue();
            if (!value.isTextual()) {
                out.add(new Problem(path, "Label " + label + " must have a string value, but found "
                        + Json.describe(value) + "."));
                continue;
            }
            String issue = Formats.labelValueIssue(value.asText());
            if (issue != null) {
                out.add(new Problem(path, "Label " + label + " has the value " + Json.describe(value)
                        + ", which is not a valid label value: " + issue + "."));
            }
        }
    }

    private static void checkAnnotations(JsonNode annotations, List<Problem> out) {
        if (annotations == null) {
            return;
        }
        if (!annotations.isObject()) {
            out.add(Rule.typeProblem("metadata.annotations", "an object of string keys and values", annotations));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : annotations.properties()) {
            String path = "metadata.annotations." + entry.getKey();
            keyFormat(path, "Annotation key", entry.getKey(), out);
            if (!entry.getValue().isTextual()) {
                out.add(new Problem(path, "Annotation " + Json.quote(entry.getKey())
                        + " must have a string value (quote numbers and booleans in YAML), but found "
                        + Json.describe(entry.getValue()) + "."));
            }
        }
    }

    private static void keyFormat(String path, String what, String key, List<Problem> out) {
        String issue = Formats.prefixedNameIssue(key);
        if (issue != null) {
            out.add(new Problem(path, what + " " + Json.quote(key) + " is not valid: " + issue + "."));
        }
    }

    private static void checkTags(JsonNode tags, List<Problem> out) {
        if (tags == null) {
            return;
        }
        if (!tags.isArray()) {
            out.add(Rule.typeProblem("metadata.tags", "an array of strings", tags));
            return;
        }
        for (int i = 0; i < tags.size(); i++) {
            String path = "metadata.tags." + i;
            JsonNode tag = tags.get(i);
            if (!tag.isTextual()) {
                out.add(Rule.typeProblem(path, "a string", tag));
            } else {
                format(path, tag.asText(), "tag", Formats::tagIssue, out);
            }
        }
    }

    private static void checkLinks(JsonNode links, List<Problem> out) {
        if (links == null) {
            return;
        }
        if (!links.isArray()) {
            out.add(Rule.typeProblem("metadata.links", "an array of objects", links));
            return;
        }
        for (int i = 0; i < links.size(); i++) {
            String path = "metadata.links." + i;
            JsonNode link = links.get(i);
            if (!link.isObject()) {
                out.add(Rule.typeProblem(path, "an object with at least a url", link));
                continue;
            }
            checkLinkUrl(link.get("url"), path + ".url", out);
            optionalField(link, path, "title", Rule.nonBlankString(), out);
            // any text names an icon: Backstage 4.0 accepts "abc xyz" (older releases wanted an object name)
            optionalField(link, path, "icon", Rule.nonBlankString(), out);
            optionalField(link, path, "type", Rule.nonBlankString(), out);
        }
    }

    private static void checkLinkUrl(JsonNode url, String path, List<Problem> out) {
        if (url == null || url.isNull()) {
            out.add(new Problem(path, path + " is required, but it is " + (url == null ? "missing" : "null")
                    + "; every link needs a url."));
        } else if (!url.isTextual()) {
            out.add(Rule.typeProblem(path, "a string", url));
        } else if (!Urls.isAbsoluteUrl(url.asText())) {
            out.add(new Problem(path, path + " " + Json.describe(url)
                    + " is not a valid absolute URL; write it with a scheme, e.g. \"https://example.com/docs\"."));
        }
    }

    private static void optionalField(JsonNode object, String field, Rule rule, List<Problem> out) {
        optionalField(object, "metadata", field, rule, out);
    }

    private static void optionalField(JsonNode object, String parentPath, String field, Rule rule,
                                      List<Problem> out) {
        JsonNode value = object.get(field);
        if (value != null) {
            rule.check(value, parentPath + "." + field, out);
        }
    }

    private static void format(String path, String value, String what, UnaryOperator<String> issueOf,
                               List<Problem> out) {
        String issue = issueOf.apply(value);
        if (issue != null) {
            out.add(new Problem(path, path + " " + Json.quote(value) + " is not a valid " + what + ": " + issue
                    + "."));
        }
    }
}
