package io.catalog.graph.processing;

import io.catalog.graph.model.Hashing;
import io.catalog.graph.model.ProcessingError;
import io.catalog.graph.model.ProcessedEntity;
import com.fasterxml.jackson.databind.JsonNode;
import io.catalog.graph.ingest.DescriptorParseException;
import io.catalog.graph.ingest.DescriptorParser;
import io.catalog.graph.ingest.ExpansionBudget;
import io.catalog.graph.ingest.LocationReadException;
import io.catalog.graph.ingest.LocationReader;
import io.catalog.graph.model.LocationSpec;
import io.catalog.graph.ingest.PlaceholderResolver;
import io.catalog.graph.ingest.ReadPolicy;
import io.catalog.graph.ingest.ReadResult;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.EntityValidator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one location and turns its descriptor into entities: read → hash compare → parse → placeholders →
 * validate/complete each document → child locations. Storage is someone else's job.
 */
public final class LocationProcessor {

    /** What the store remembers from the last successful read, to skip unchanged input. */
    public record Previous(String contentHash, String httpEtag, List<LocationSpec> dependencies) {
        public static final Previous NONE = new Previous(null, null, List.of());
    }

    public record ChildLocation(LocationSpec spec, EntityRef declaredBy) {
    }

    public sealed interface Result permits Unchanged, Failed, Processed {
    }

    /** Same input as last time: nothing to parse or write. */
    public record Unchanged(String httpEtag) implements Result {
    }

    /** The location could not be read or parsed: keep everything it produced before. */
    public record Failed(ProcessingError error) implements Result {
    }

    /** An entity and the position of its document in the file (0-based). */
    public record Produced(ProcessedEntity entity, int documentIndex) {
    }

    /** A successful read; what it no longer contains is to be removed, once every document in it is identified. */
    public record Processed(String contentHash, String httpEtag, List<LocationSpec> dependencies,
                            List<Produced> produced, List<RejectedDocument> rejected,
                            List<ChildLocation> children, List<ProcessingError> problems) implements Result {

        public List<ProcessedEntity> entities() {
            return produced.stream().map(Produced::entity).toList();
        }
    }

    private final LocationReader reader;
    private final DescriptorParser parser;
    private final PlaceholderResolver placeholders;
    private final EntityProcessor entityProcessor;
    private final StorableCheck storable;
    private final PlaceholderReads.Limits placeholderLimits;

    public LocationProcessor(LocationReader reader, DescriptorParser parser, PlaceholderResolver placeholders,
                             PlaceholderReads.Limits placeholderLimits, EntityProcessor entityProcessor, StorableCheck storable) {
        this.placeholderLimits = placeholderLimits;
        this.storable = storable;
        this.reader = reader;
        this.parser = parser;
        this.placeholders = placeholders;
        this.entityProcessor = entityProcessor;
    }

    public Result process(LocationSpec location, String origin, ReadPolicy policy, Previous previous) {
        ReadResult read;
        try {
            read = reader.read(location, policy, previous.contentHash() == null ? null : previous.httpEtag());
            if (read.notModified()) {
                if (previous.dependencies().isEmpty()) {
                    return new Unchanged(read.etag());
                }
                read = reader.read(location, policy, null);
            }
        } catch (LocationReadException e) {
            return new Failed(ProcessingError.read(e.getMessage()));
        }
        if (previous.contentHash() != null && previous.contentHash().equals(hashWithDependencies(read.content(), previous.dependencies(), policy))) {
            return new Unchanged(read.etag());
        }

        // one budget for the file and everything its placeholders bring in
        ExpansionBudget expansion = parser.newBudget();
        List<DescriptorParser.Document> documents;
        try {
            documents = parser.parse(read.content(), expansion);
        } catch (DescriptorParseException e) {
            return new Failed(ProcessingError.input(location + ": " + e.getMessage(), null, e.line() > 0 ? e.line() : null));
        }

        PlaceholderReads reads = new PlaceholderReads(reader, policy, placeholderLimits);
        List<Produced> entities = new ArrayList<>();
        List<RejectedDocument> rejected = new ArrayList<>();
        List<ChildLocation> children = new ArrayList<>();
        List<ProcessingError> problems = new ArrayList<>();
        Set<EntityRef> seen = new HashSet<>();
        for (int index = 0; index < documents.size(); index++) {
            DescriptorParser.Document document = documents.get(index);
            JsonNode node;
            try {
                node = placeholders.resolve(document.node(), location, reads, expansion);
            } catch (PlaceholderResolver.PlaceholderException e) {
                EntityProcessor.Outcome identified = entityProcessor.process(document.node(), location, origin, document.line());
                rejected.add(new RejectedDocument(identified.ref(), identified(document.node(), identified.ref()), index, document.line(),
                        List.of(ProcessingError.input(
                        e.path() + ": " + e.getMessage(), identified.ref() == null ? null : identified.ref().toString(), document.line()))));
                continue;
            }
            EntityProcessor.Outcome outcome = entityProcessor.process(node, location, origin, document.line());
            if (outcome.accepted()) {
                outcome = storable.check(outcome, document.line());
            }
            if (!outcome.accepted()) {
                rejected.add(new RejectedDocument(outcome.ref(), identified(node, outcome.ref()), index, document.line(), outcome.errors()));
                continue;
            }
            ProcessedEntity entity = outcome.entity();
            if (!seen.add(entity.ref())) {
                rejected.add(new RejectedDocument(null, false, index, document.line(), List.of(ProcessingError.conflict(
                        "entity " + entity.ref() + " is defined more than once in " + location + "; the first definition is kept",
                        entity.ref().toString()))));
                continue;
            }
            entities.add(new Produced(entity, index));
            if ("location".equals(entity.ref().kind())) {
                addChildren(entity, location, children, problems);
            }
        }
        String hash = reads.cutShort() ? null : hashOf(read.content(), reads.contents());
        return new Processed(hash, read.etag(), reads.dependencies(), entities, rejected, children, problems);
    }

    /** A rejected document's ref is its identity only if its kind is one the catalog knows and its name is valid. */
    private static boolean identified(JsonNode document, EntityRef ref) {
        return ref != null && EntityValidator.identifies(document);
    }

    /** Follows a Location entity's {@code target}/{@code targets}, relative to the file that declares it. */
    private static void addChildren(ProcessedEntity entity, LocationSpec location, List<ChildLocation> children,
                                    List<ProcessingError> problems) {
        JsonNode spec = entity.body().path("spec");
        String type = spec.path("type").asText(null);
        List<String> targets = new ArrayList<>();
        if (spec.path("target").isTextual()) {
            targets.add(spec.get("target").asText());
        }
        spec.path("targets").forEach(t -> targets.add(t.asText()));
        for (String target : targets) {
            try {
                children.add(new ChildLocation(location.resolve(type, target), entity.ref()));
            } catch (IllegalArgumentException e) {
                problems.add(ProcessingError.input("location target '" + target + "' of " + entity.ref() + " is invalid: "
                        + e.getMessage(), entity.ref().toString(), null));
            }
        }
    }

    /** The input hash covers the descriptor and every file its placeholders pulled in, read within the same limits. */
    private String hashWithDependencies(byte[] content, List<LocationSpec> dependencies, ReadPolicy policy) {
        PlaceholderReads reads = new PlaceholderReads(reader, policy, placeholderLimits);
        for (LocationSpec dependency : dependencies) {
            try {
                reads.fetch(dependency);
            } catch (LocationReadException e) {
                return null; // cannot prove it unchanged: process again and let the error surface
            }
        }
        return hashOf(content, reads.contents());
    }

    private static String hashOf(byte[] content, Map<LocationSpec, byte[]> dependencies) {
        MessageDigest digest = Hashing.sha256();
        digest.update(content);
        dependencies.forEach((spec, bytes) -> {
            digest.update(spec.toString().getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
        });
        return HexFormat.of().formatHex(digest.digest());
    }
}
