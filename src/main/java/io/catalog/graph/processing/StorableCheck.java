package io.catalog.graph.processing;

import io.catalog.graph.model.ProcessingError;
import io.catalog.graph.model.ProcessedEntity;
import com.fasterxml.jackson.databind.JsonNode;
import io.catalog.graph.model.Relation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Refuses, one entity at a time, what would make the database refuse the whole location's commit or what is
 * too large to serve: text PostgreSQL cannot hold (NUL, unpaired surrogates), references longer than an index key
 * may be, and entities past the configured size. Pure: decided before anything is written.
 */
public final class StorableCheck {

    /** Relation refs are index keys (btree keys hold at most ~2.7 kB); no valid ref is anywhere near this long. */
    static final int MAX_REF_LENGTH = 1024;
    /** JSON overhead of one served relation, {@code {"type":"","targetRef":""},}. */
    private static final int RELATION_OVERHEAD = 28;

    private final long maxEntityBytes;

    public StorableCheck(long maxEntityBytes) {
        this.maxEntityBytes = maxEntityBytes;
    }

    /** The outcome unchanged when the entity can be stored, else a rejection naming what cannot. */
    public EntityProcessor.Outcome check(EntityProcessor.Outcome outcome, int line) {
        ProcessedEntity entity = outcome.entity();
        String ref = entity.ref().toString();
        List<ProcessingError> errors = new ArrayList<>();
        unstorableText("", entity.body(), errors, ref, line);
        for (Relation relation : entity.relations()) {
            String other = (relation.source().equals(entity.ref()) ? relation.target() : relation.source()).toString();
            if (other.length() > MAX_REF_LENGTH) {
                errors.add(ProcessingError.input("relation " + relation.type() + " refers to an entity ref of " + other.length()
                        + " characters; refs longer than " + MAX_REF_LENGTH + " cannot be stored", ref, line));
                break;
            }
        }
        if (errors.isEmpty()) {
            long size = servedSize(entity);
            if (size > maxEntityBytes) {
                errors.add(ProcessingError.input("entity " + ref + " is " + size + " bytes as served JSON, more than the limit of "
                        + maxEntityBytes + " bytes (catalog.limits.max-entity-bytes)", ref, line));
            }
        }
        return errors.isEmpty() ? outcome : new EntityProcessor.Outcome(null, entity.ref(), errors);
    }

    private static long servedSize(ProcessedEntity entity) {
        long size = entity.json().getBytes(StandardCharsets.UTF_8).length;
        for (Relation relation : entity.relations()) {
            size += RELATION_OVERHEAD + relation.type().length() + relation.target().toString().length();
        }
        return size;
    }

    private static void unstorableText(String path, JsonNode node, List<ProcessingError> errors, String ref, int line) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                String keyIssue = textIssue(field.getKey());
                if (keyIssue != null) {
                    errors.add(ProcessingError.input(printable(child) + ": the key " + keyIssue, ref, line));
                } else {
                    unstorableText(child, field.getValue(), errors, ref, line);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                unstorableText(path + "[" + i + "]", node.get(i), errors, ref, line);
            }
        } else if (node.isTextual()) {
            String issue = textIssue(node.textValue());
            if (issue != null) {
                errors.add(ProcessingError.input(printable(path) + ": the value " + issue, ref, line));
            }
        }
    }

    /** Why text cannot be stored as PostgreSQL text, or null. */
    static String textIssue(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains a NUL character (U+0000), which cannot be stored";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate (U+" + Integer.toHexString(c).toUpperCase() + "), which is not valid text";
            }
        }
        return null;
    }

    /** A field path as it can be shown in an error (itself stored as text). */
    private static String printable(String path) {
        StringBuilder out = new StringBuilder(path.length());
        path.codePoints().forEach(cp -> {
            if (cp == 0) {
                out.append("\\0");
            } else if (Character.isSurrogate((char) cp)) {
                out.append('\uFFFD');
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
