package io.catalog.graph.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An entity ready to store: validated, defaults and catalog annotations applied, relations in both directions.
 * {@code json} is the body as stored and served, and {@code hash} the hash of exactly those bytes.
 */
public record ProcessedEntity(EntityRef ref, ObjectNode body, List<Relation> relations, String json, String hash) {

    /**
     * Serializes the finished body once: the stored text, its size limit and its change hash all come from it (each
     * serialized it again: about a fifth of a refresh worker's CPU in a profiled load). The body is not to be
     * changed afterwards.
     */
    public static ProcessedEntity of(EntityRef ref, ObjectNode body, List<Relation> relations, ObjectMapper mapper) {
        String json;
        try {
            json = mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
        return new ProcessedEntity(ref, body, relations, json, Hashing.sha256(json.getBytes(StandardCharsets.UTF_8)));
    }
}
