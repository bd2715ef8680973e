package io.catalog.graph.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.catalog.graph.graph.GraphQueries;
import io.catalog.graph.model.EntityRef;
import io.catalog.graph.model.RelationTypes;
import io.catalog.graph.storage.EntityReader;
import io.catalog.graph.storage.Predicate;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Graph queries over Neo4j (docs/graph.md#queries): HTTP in, {@link GraphQueries} out. {@code {kind}/{namespace}/{name}}
 * is the entity, matched case-insensitively; one that is not in the catalog (or only a placeholder node) is a 404.
 */
@Access(AccessLevel.READ)
@Path("/api/graph")
@Produces(MediaType.APPLICATION_JSON)
public class GraphResource {

    public static final String GRAPHVIZ = "text/vnd.graphviz";

    static final int DEFAULT_DEPTH = 3;
    static final int DEFAULT_NEIGHBOURHOOD_DEPTH = 1;
    static final int DEFAULT_LIMIT = 1_000;
    static final int MAX_LIMIT = 100_000;

    private static final String DEPTH = "Hops to walk at most, 1 to 10 (default 3)";
    private static final String LIMIT = "Items to answer at most, 1 to 100000 (default 1000)";
    private static final String RELATIONS = "Catalog relation types to follow, comma-separated and/or repeated";

    public record ReachedEntity(String entityRef, int depth) {
    }

    public record OwnerGroup(String owner, Map<String, String> profile,
                             @JsonInclude(JsonInclude.Include.NON_NULL) List<String> chain, List<ReachedEntity> entities) {
    }

    public record BlastRadius(String root, int total, List<OwnerGroup> byOwner, boolean truncated) {
    }

    private final GraphQueries queries;
    private final EntityReader reader;

    public GraphResource(GraphQueries queries, EntityReader reader) {
        this.queries = queries;
        this.reader = reader;
    }

    @GET
    @Path("/entities/{kind}/{namespace}/{name}/dependencies")
    @Operation(summary = "What the entity depends on, transitively",
            description = "Follows `relations` (default dependsOn, consumesApi, apiProvidedBy) outward; each item with its shortest depth and one shortest path")
    public GraphQueries.Walk dependencies(@RestPath String kind, @RestPath String namespace, @RestPath String name,
                                          @Parameter(description = DEPTH) @RestQuery String depth,
                                          @Parameter(description = RELATIONS) @RestQuery List<String> relations,
                                          @Parameter(description = LIMIT) @RestQuery String limit) {
        EntityRef ref = entity(kind, namespace, name);
        return found(ref, queries.dependencies(ref, relations(relations, GraphQueries.DEPENDENCY_RELATIONS),
                depth(depth, DEFAULT_DEPTH), limit(limit)));
    }

    @GET
    @Path("/entities/{kind}/{namespace}/{name}/dependents")
    @Operation(summary = "What depends on the entity, transitively",
            description = "Follows the inverses of `relations` (default dependsOn, consumesApi, apiProvidedBy, i.e. dependencyOf, apiConsumedBy, providesApi)")
    public GraphQueries.Walk dependents(@RestPath String kind, @RestPath String namespace, @RestPath String name,
                                        @Parameter(description = DEPTH) @RestQuery String depth,
                                        @Parameter(description = RELATIONS) @RestQuery List<String> relations,
                                        @Parameter(description = LIMIT) @RestQuery String limit) {
        EntityRef ref = entity(kind, namespace, name);
        return found(ref, queries.dependents(ref, relations(relations, GraphQueries.DEPENDENCY_RELATIONS),
                depth(depth, DEFAULT_DEPTH), limit(limit)));
    }

    @GET
    @Path("/entities/{kind}/{namespace}/{name}/ownership")
    @Operation(summary = "Who owns the entity, each owner with its chain of parent groups")
    public GraphQueries.Ownership ownership(@RestPath String kind, @RestPath String namespace, @RestPath String name) {
        EntityRef ref = entity(kind, namespace, name);
        return found(ref, queries.ownership(ref));
    }

    @GET
    @Path("/entities/{kind}/{namespace}/{name}/owned")
    @Operation(summary = "What the group, or any group below it, owns")
    public GraphQueries.Owned owned(@RestPath String kind, @RestPath String namespace, @RestPath String name,
                                    @Parameter(description = LIMIT) @RestQuery String limit) {
        EntityRef ref = entity(kind, namespace, name);
        return found(ref, queries.owned(ref, limit(limit)));
    }

    @GET
    @Path("/entities/{kind}/{namespace}/{name}/groups")
    @Operation(summary = "The groups the user is a member of (depth 1) and their parent groups (depth 2, 3, …)")
    public GraphQueries.Walk groups(@RestPath String kind, @RestPath String namespace, @RestPath String name,
                                    @Parameter(description = DEPTH) @RestQuery String depth,
                                    @Parameter(description = LIMIT) @RestQuery String limit) {
        EntityRef ref = entity(kind, namespace, name);
        return found(ref, queries.groups(ref, depth(depth, DEFAULT_DEPTH), limit(limit)));
    }

    @GET
    @Path("/entities/{kind}/{namespace}/{name}/blast-radius")
    @Operation(summary = "What breaks if the entity goes down: its dependents grouped by owner, with the owners' contacts")
    public BlastRadius blastRadius(@RestPath String kind, @RestPath String namespace, @RestPath String name,
                                   @Parameter(description = DEPTH) @RestQuery String depth,
                                   @Parameter(description = RELATIONS) @RestQuery List<String> relations,
                                   @Parameter(description = LIMIT) @RestQuery String limit) {
        EntityRef ref = entity(kind, namespace, name);
        GraphQueries.BlastRadius radius = found(ref, queries.blastRadius(ref,
                relations(relations, GraphQueries.DEPENDENCY_RELATIONS), depth(depth, DEFAULT_DEPTH), limit(limit)));
        Set<String> owners = new LinkedHashSet<>();
        radius.byOwner().stream().map(GraphQueries.OwnerDependents::owner).filter(o -> o != null).forEach(owners::add);
        Map<String, ObjectNode> entities = owners.isEmpty() ? Map.of() : reader.byRefs(owners, Predicate.MATCH_ALL);
        List<OwnerGroup> groups = new ArrayList<>();
        for (GraphQueries.OwnerDependents group : radius.byOwner()) {
            groups.add(new OwnerGroup(group.owner(), group.owner() == null ? null : profile(entities.get(group.owner())),
                    group.chain(), group.entities().stream().map(e -> new ReachedEntity(e.entityRef(), e.depth())).toList()));
        }
        return new BlastRadius(radius.root(), radius.total(), groups, radius.truncated());
    }

    @GET
    @Path("/path")
    @Operation(summary = "One shortest path between two entities (at most 10 hops)",
            description = "`relations` defaults to every relation type, each walked in the direction it names")
    public GraphQueries.Route path(@Parameter(description = "Entity ref, kind required") @RestQuery String from,
                                   @Parameter(description = "Entity ref, kind required") @RestQuery String to,
                                   @Parameter(description = RELATIONS) @RestQuery List<String> relations) {
        EntityRef source = ref("from", from);
        EntityRef target = ref("to", to);
        return queries.path(source, target, relations(relations, GraphQueries.allRelations())).orElseThrow(() -> ApiException.notFound(
                "No path from '" + source + "' to '" + target + "' within " + GraphQueries.MAX_DEPTH
                        + " hops (or one of them is not in the catalog)"));
    }

    @GET
    @Path("/entities/{kind}/{namespace}/{name}/neighbourhood")
    @Produces({MediaType.APPLICATION_JSON, GRAPHVIZ})
    @Operation(summary = "The entities around the entity and the relations among them, as JSON or Graphviz DOT",
            description = "`depth` defaults to 1; `relations` to every relation type; `format` is json (default) or dot")
    public Response neighbourhood(@RestPath String kind, @RestPath String namespace, @RestPath String name,
                                  @Parameter(description = "Hops to walk at most, 1 to 10 (default 1)") @RestQuery String depth,
                                  @Parameter(description = RELATIONS) @RestQuery List<String> relations,
                                  @Parameter(description = LIMIT) @RestQuery String limit,
                                  @Parameter(description = "json (default) or dot") @RestQuery String format) {
        String output = format == null || format.isBlank() ? "json" : format.trim().toLowerCase(Locale.ROOT);
        if (!output.equals("json") && !output.equals("dot")) {
            throw ApiException.badRequest("format must be json or dot, but is " + Inputs.shorten(format));
        }
        EntityRef ref = entity(kind, namespace, name);
        GraphQueries.Neighbourhood around = found(ref, queries.neighbourhood(ref,
                relations(relations, GraphQueries.allRelations()), depth(depth, DEFAULT_NEIGHBOURHOOD_DEPTH), limit(limit)));
        return output.equals("dot") ? Response.ok(GraphDot.render(around), GRAPHVIZ).build()
                : Response.ok(around, MediaType.APPLICATION_JSON).build();
    }

    private static EntityRef entity(String kind, String namespace, String name) {
        return new EntityRef(kind, namespace, name);
    }

    private static <T> T found(EntityRef ref, Optional<T> answer) {
        return answer.orElseThrow(() -> ApiException.notFound("No entity named '" + ref + "' found"));
    }

    private static EntityRef ref(String parameter, String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest(parameter + " is required: an entity ref such as component:default/orders");
        }
        return EntityRef.parse(text.trim(), null, EntityRef.DEFAULT_NAMESPACE);
    }

    static int depth(String text, int defaultDepth) {
        return bounded("depth", text, defaultDepth, GraphQueries.MAX_DEPTH);
    }

    static int limit(String text) {
        return bounded("limit", text, DEFAULT_LIMIT, MAX_LIMIT);
    }

    private static int bounded(String name, String text, int defaultValue, int max) {
        Long value = Inputs.count(name, text);
        if (value == null) {
            return defaultValue;
        }
        if (value < 1 || value > max) {
            throw ApiException.badRequest(name + " must be between 1 and " + max + ", but is " + value);
        }
        return value.intValue();
    }

    /** Relation types from comma-separated and/or repeated parameters; none named means the defaults. */
    static List<String> relations(List<String> parameters, List<String> defaults) {
        List<String> types = new ArrayList<>();
        for (String parameter : parameters == null ? List.<String>of() : parameters) {
            for (String type : parameter.split(",")) {
                String trimmed = type.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (!RelationTypes.all().contains(trimmed)) {
                    throw ApiException.badRequest("Unknown relation type \"" + Inputs.shorten(trimmed) + "\"; known types are "
                            + String.join(", ", RelationTypes.all()));
                }
                if (!types.contains(trimmed)) {
                    types.add(trimmed);
                }
            }
        }
        return types.isEmpty() ? defaults : types;
    }

    /** The contact data of an owner from its {@code spec.profile}; null when it is not in the catalog. */
    private static Map<String, String> profile(ObjectNode entity) {
        if (entity == null) {
            return null;
        }
        JsonNode profile = entity.path("spec").path("profile");
        Map<String, String> contact = new LinkedHashMap<>();
        contact.put("email", profile.path("email").isTextual() ? profile.path("email").asText() : null);
        contact.put("displayName", profile.path("displayName").isTextual() ? profile.path("displayName").asText() : null);
        return contact;
    }
}
