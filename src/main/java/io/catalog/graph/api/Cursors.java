package io.catalog.graph.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.storage.EntityQuery;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Opaque page cursors: the keyset position of the last item served, base64url-encoded JSON. */
final class Cursors {

    private Cursors() {
    }

    static String encode(ObjectMapper json, EntityQuery.Cursor cursor) {
        try {
            Map<String, Object> body = Map.of("v", cursor.values(), "r", cursor.entityRef());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(body));
        } catch (Exception e) {
            throw new IllegalStateException("a cursor always serializes", e);
        }
    }

    static EntityQuery.Cursor decode(ObjectMapper json, String text) {
        try {
            Map<String, Object> body = json.readValue(Base64.getUrlDecoder().decode(text), new TypeReference<Map<String, Object>>() { });
            List<String> values = new ArrayList<>();
            for (Object value : (List<?>) body.get("v")) {
                if (value != null && !(value instanceof String)) {
                    throw new IllegalArgumentException("not a position");
                }
                values.add((String) value);
            }
            String ref = (String) body.get("r");
            if (ref == null) {
                throw new IllegalArgumentException("no position");
            }
            return new EntityQuery.Cursor(values, ref);
        } catch (Exception e) {
            throw ApiException.badRequest("Invalid cursor '" + text + "'");
        }
    }
}
