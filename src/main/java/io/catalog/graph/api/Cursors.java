package io.catalog.graph.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.util.Base64;
import java.util.function.Predicate;

/**
 * The one codec of the API's opaque cursors ({@code after} of {@code /entities}, {@code cursor} of the by-query
 * routes): a record as base64url JSON. Decoding is strict (no unknown fields, no numbers for text) and bounded, and
 * anything that is not a cursor of the expected kind is a 400, never a 500.
 */
final class Cursors {

    /** Longest cursor accepted or produced; a cursor carries its query, so this also bounds a pageable query. */
    static final int MAX_LENGTH = 64 * 1024;

    private static final JsonMapper JSON = strictMapper();

    private Cursors() {
    }

    static String encode(Object cursor) {
        String text;
        try {
            text = Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(cursor));
        } catch (Exception e) {
            throw new IllegalStateException("a cursor always serializes", e);
        }
        if (text.length() > MAX_LENGTH) {
            throw ApiException.badRequest("The query is too large to page through: its cursor would exceed " + MAX_LENGTH
                    + " characters; narrow the query");
        }
        return text;
    }

    /** The cursor of type {@code type} that {@code text} encodes, if it is one and {@code complete} holds for it. */
    static <T> T decode(String text, Class<T> type, Predicate<T> complete) {
        if (text.length() > MAX_LENGTH) {
            throw invalid(text);
        }
        T cursor;
        try {
            cursor = JSON.readValue(Base64.getUrlDecoder().decode(text), type);
        } catch (Exception e) {
            throw invalid(text);
        }
        if (cursor == null || !complete.test(cursor)) {
            throw invalid(text);
        }
        return cursor;
    }

    private static ApiException invalid(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return ApiException.badRequest("Invalid cursor '" + shown + "'");
    }

    private static JsonMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        // a forged {"r": 7} must not pass as the text "7"
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
