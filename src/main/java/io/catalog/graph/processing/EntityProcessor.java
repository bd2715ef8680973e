package io.catalog.graph.processing;

import io.catalog.graph.model.CatalogAnnotations;
import io.catalog.graph.model.ProcessingError;
import io.catalog.graph.model.ProcessedEntity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.EntityValidator;
import io.catalog.graph.model.Extraction;
import io.catalog.graph.model.Problem;
import io.catalog.graph.model.RelationExtractor;
import io.catalog.graph.model.ScmUrls;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns one parsed descriptor document into a {@link ProcessedEntity}: validate, apply defaults, set the
 * catalog's annotations, derive relations. Pure: no I/O, no framework.
 */
public final class EntityProcessor {


    /** Either {@code entity} or {@code errors} is set. */
    public record Outcome(ProcessedEntity entity, EntityRef ref, List<ProcessingError> errors) {
        public boolean accepted() {
            return entity != null;
        }
    }

    private final EntityValidator validator = new EntityValidator();
    private final RelationExtractor relationExtractor = new RelationExtractor();
    private final ObjectMapper json;
    private final ScmUrls scm;

    public EntityProcessor(ObjectMapper json) {
        this(json, ScmUrls.gitHub(List.of()));
    }

    /** @param scm the GitHub hosts whose blob URLs get Backstage's source, view and edit links */
    public EntityProcessor(ObjectMapper json, ScmUrls scm) {
        this.json = json;
        this.scm = scm;
    }

    /** Validates and completes a document read from {@code location}, registered through {@code origin}. */
    public Outcome process(JsonNode document, LocationSpec location, String origin, int line) {
        EntityRef ref = refOrNull(document);
        String refText = ref == null ? null : ref.toString();
        if (!(document instanceof ObjectNode)) {
            return rejected(ref, List.of(ProcessingError.input("a descriptor document must be a YAML mapping", null, line)));
        }
        ObjectNode entity = ((ObjectNode) document).deepCopy();
        stripComputedFields(entity);
        List<Problem> problems = validator.validate(entity);
        if (!problems.isEmpty()) {
            return rejected(ref, toErrors(problems, refText, line));
        }
        stripServerMetadata(entity);
        sortRelationFields(entity);
        ObjectNode metadata = (ObjectNode) entity.get("metadata");
        if (!metadata.hasNonNull("namespace")) {
            metadata.put("namespace", "default");
        }
        annotate(metadata, location, origin);
        Extraction extraction = relationExtractor.extract(entity);
        if (!extraction.problems().isEmpty()) {
            return rejected(ref, toErrors(extraction.problems(), refText, line));
        }
        return new Outcome(ProcessedEntity.of(ref, entity, extraction.relations(), json), ref, List.of());
    }

    /** Validation alone, as {@code POST /validate-entity} needs it. */
    public List<Problem> validate(JsonNode document) {
        if (!(document instanceof ObjectNode)) {
            return List.of(new Problem("", "entity must be a JSON object"));
        }
        ObjectNode entity = ((ObjectNode) document).deepCopy();
        stripComputedFields(entity);
        List<Problem> problems = validator.validate(entity);
        if (problems.isEmpty()) {
            return relationExtractor.extract(entity).problems();
        }
        return problems;
    }

    private void annotate(ObjectNode metadata, LocationSpec location, String origin) {
        ObjectNode annotations = metadata.has("annotations") ? (ObjectNode) metadata.get("annotations") : metadata.putObject("annotations");
        annotations.put(CatalogAnnotations.MANAGED_BY_LOCATION, location.toString());
        annotations.put(CatalogAnnotations.MANAGED_BY_ORIGIN_LOCATION, origin);
        // as Backstage: what the descriptor says itself wins over the links the catalog derives
        Optional<ScmUrls.Links> links = location.type().equals(LocationSpec.URL) ? scm.linksOf(location.target()) : Optional.empty();
        if (links.isPresent()) {
            annotations.putIfAbsent(CatalogAnnotations.SOURCE_LOCATION, annotations.textNode(links.get().sourceLocation()));
            annotations.putIfAbsent(CatalogAnnotations.VIEW_URL, annotations.textNode(links.get().viewUrl()));
            annotations.putIfAbsent(CatalogAnnotations.EDIT_URL, annotations.textNode(links.get().editUrl()));
        } else if (!annotations.has(CatalogAnnotations.SOURCE_LOCATION)) {
            annotations.put(CatalogAnnotations.SOURCE_LOCATION, location.type() + ":" + location.directory());
        }
        annotations.remove(CatalogAnnotations.ORPHAN);
    }

    /** relations and status are computed by the catalog; what a document says of them is ignored. */
    private static void stripComputedFields(ObjectNode entity) {
        entity.remove("relations");
        entity.remove("status");
    }

    /**
     * uid and etag belong to the server, which sets its own when serving. They are dropped only after validation:
     * when present they must be non-empty strings, as Backstage checks them.
     */
    private static void stripServerMetadata(ObjectNode entity) {
        ObjectNode metadata = (ObjectNode) entity.get("metadata");
        metadata.remove("uid");
        metadata.remove("etag");
        metadata.remove("generation");
    }

    /** The spec fields whose string arrays Backstage's built-in kinds processor sorts before storing. */
    private static final List<String> SORTED_RELATION_FIELDS =
            List.of("providesApis", "consumesApis", "dependsOn", "dependencyOf", "memberOf", "children", "members");

    /** Sorted as JavaScript's default sort does: by UTF-16 code units, which is {@link String#compareTo}. */
    private static void sortRelationFields(ObjectNode entity) {
        if (!(entity.get("spec") instanceof ObjectNode spec)) {
            return;
        }
        for (String field : SORTED_RELATION_FIELDS) {
            if (spec.get(field) instanceof ArrayNode array) {
                List<JsonNode> elements = new ArrayList<>();
                array.forEach(elements::add);
                if (elements.stream().allMatch(JsonNode::isTextual)) {
                    elements.sort(Comparator.comparing(JsonNode::asText));
                    array.removeAll();
                    array.addAll(elements);
                }
            }
        }
    }

    private static List<ProcessingError> toErrors(List<Problem> problems, String ref, int line) {
        return problems.stream()
                .map(p -> ProcessingError.input(describe(p), ref, line))
                .toList();
    }

    /** The problem's message, led by its field path unless the message already names it. */
    public static String describe(Problem problem) {
        return problem.path().isEmpty() || problem.message().contains(problem.path())
                ? problem.message() : problem.path() + ": " + problem.message();
    }

    private static Outcome rejected(EntityRef ref, List<ProcessingError> errors) {
        return new Outcome(null, ref, errors);
    }

    private static EntityRef refOrNull(JsonNode document) {
        try {
            return document instanceof ObjectNode ? EntityRef.of(document) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
