package io.catalog.graph.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks an entity the way the Backstage catalog does before it accepts it: the envelope (root fields,
 * apiVersion, kind, metadata formats) and then the spec rules of its kind. Every problem is reported, not only
 * the first. The validator holds no state and may be shared.
 */
public final class EntityValidator {

    /**
     * The fields an entity may have at its root, as Backstage's NoForeignRootFieldsEntityPolicy allows by
     * default. {@code relations} and {@code status} are not among them: the catalog computes those itself.
     */
    public static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata", "spec");

    /** Empty when the entity is valid; otherwise every problem found, in a stable order. */
    public List<Problem> validate(JsonNode entity) {
        List<Problem> out = new ArrayList<>();
        if (entity == null || !entity.isObject()) {
            out.add(new Problem("", "An entity must be a JSON object, but found " + Json.describe(entity) + "."));
            return out;
        }
        for (Map.Entry<String, JsonNode> field : entity.properties()) {
            if (!ROOT_FIELDS.contains(field.getKey())) {
                out.add(new Problem(field.getKey(), "Unknown root field " + Json.quote(field.getKey())
                        + "; an entity may only have apiVersion, kind, metadata and spec at its root."));
            }
        }
        Optional<String> apiVersion = envelopeString(entity.get("apiVersion"), "apiVersion",
                "API version", Formats::apiVersionIssue, out);
        Optional<String> kind = envelopeString(entity.get("kind"), "kind", "kind", Formats::kindIssue, out);
        MetadataValidator.check(entity.get("metadata"), out);
        JsonNode spec = entity.get("spec");
        if (spec != null && !spec.isObject()) {
            out.add(Rule.typeProblem("spec", "an object", spec));
        }
        if (apiVersion.isPresent() && kind.isPresent()) {
            checkKind(apiVersion.get(), kind.get(), spec, out);
        }
        return out;
    }

    private static void checkKind(String apiVersion, String kind, JsonNode spec, List<Problem> out) {
        Optional<KindSpec> known = Kinds.lookup(kind);
        if (known.isEmpty()) {
            String hint = Kinds.lookupIgnoringCase(kind)
                    .map(k -> " Kinds are case-sensitive: did you mean " + Json.quote(k.kind()) + "?")
                    .orElse(" Known kinds are " + Kinds.all().stream().map(KindSpec::kind)
                            .collect(Collectors.joining(", ")) + ".");
            out.add(new Problem("kind", "kind " + Json.quote(kind) + " is not a known kind." + hint));
            return;
        }
        KindSpec kindSpec = known.get();
        if (!kindSpec.apiVersions().contains(apiVersion)) {
            out.add(new Problem("apiVersion", "apiVersion " + Json.quote(apiVersion)
                    + " is not supported for kind " + kindSpec.kind() + "; use "
                    + kindSpec.apiVersions().stream().sorted().map(Json::quote).collect(Collectors.joining(" or "))
                    + "."));
            return;
        }
        if (spec == null) {
            out.add(new Problem("spec", "spec is required for a " + kindSpec.kind() + " entity, but it is missing."));
        } else if (spec.isObject()) {
            kindSpec.spec().check(spec, "spec", out);
        }
    }

    private static Optional<String> envelopeString(JsonNode value, String path, String what,
                                                   java.util.function.UnaryOperator<String> issueOf,
                                                   List<Problem> out) {
        if (value == null || value.isNull()) {
            out.add(new Problem(path, path + " is required, but it is " + (value == null ? "missing" : "null")
                    + "."));
            return Optional.empty();
        }
        if (!value.isTextual()) {
            out.add(Rule.typeProblem(path, "a string", value));
            return Optional.empty();
        }
        String issue = issueOf.apply(value.asText());
        if (issue != null) {
            out.add(new Problem(path, path + " " + Json.quote(value.asText()) + " is not a valid " + what + ": "
                    + issue + "."));
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    /**
     * Whether a document says reliably which entity it is: a kind the catalog knows in its apiVersion, a valid name
     * and, when given, a valid namespace. Its other fields may still be invalid.
     */
    public static boolean identifies(com.fasterxml.jackson.databind.JsonNode document) {
        var metadata = document.path("metadata");
        return Kinds.isKnown(document.path("apiVersion").asText(null), document.path("kind").asText(null))
                && metadata.path("name").isTextual() && Formats.objectNameIssue(metadata.path("name").asText()) == null
                && (!metadata.has("namespace")
                    || metadata.path("namespace").isTextual() && Formats.dnsLabelIssue(metadata.path("namespace").asText()) == null);
    }
}
