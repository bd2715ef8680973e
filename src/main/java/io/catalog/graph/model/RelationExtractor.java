package io.catalog.graph.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the relations that an entity's spec declares, as Backstage's BuiltinKindsEntityProcessor and the
 * scaffolder's Template processor emit them: for every reference, the relation from the entity to its target
 * and the inverse relation back. References that leave out the kind get the field's default kind; those that
 * leave out the namespace get the entity's own namespace.
 *
 * <p>Meant for entities that passed {@link EntityValidator}; it never throws on bad input, but reports a
 * {@link Problem} for each reference it cannot read. The extractor holds no state and may be shared.
 */
public final class RelationExtractor {

    /**
     * The relations of one entity, both directions of every pair, without duplicates, in the order of the
     * kind's reference fields and then of the references within a field.
     */
    public Extraction extract(JsonNode entity) {
        List<Problem> problems = new ArrayList<>();
        EntityRef self;
        try {
            self = EntityRef.of(entity);
        } catch (InvalidEntityRefException e) {
            problems.add(new Problem("", e.getMessage()));
            return new Extraction(List.of(), problems);
        }
        Optional<KindSpec> kind = Kinds.lookup(entity.get("kind").asText());
        JsonNode spec = entity.get("spec");
        if (kind.isEmpty() || spec == null || !spec.isObject()) {
            return new Extraction(List.of(), problems);
        }
        Set<Relation> relations = new LinkedHashSet<>();
        for (RelationRule rule : kind.get().relations()) {
            JsonNode value = spec.get(rule.field());
            String path = "spec." + rule.field();
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    addRelations(self, rule, value.get(i), path + "." + i, relations, problems);
                }
            } else {
                addRelations(self, rule, value, path, relations, problems);
            }
        }
        return new Extraction(new ArrayList<>(relations), problems);
    }

    private static void addRelations(EntityRef self, RelationRule rule, JsonNode value, String path,
                                     Set<Relation> relations, List<Problem> problems) {
        if (!value.isTextual()) {
            problems.add(new Problem(path, path + " must be an entity reference string, but found "
                    + Json.describe(value) + "; no relation was made from it."));
            return;
        }
        EntityRef target;
        try {
            target = EntityRef.parse(value.asText(), rule.defaultKind(), self.namespace());
        } catch (InvalidEntityRefException e) {
            problems.add(new Problem(path, path + ": " + e.getMessage() + "; no relation was made from it."));
            return;
        }
        relations.add(new Relation(self, rule.type(), target));
        relations.add(new Relation(target, RelationTypes.inverse(rule.type()), self));
    }
}
