package io.catalog.graph.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.storage.EntityQuery;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one cursor codec, for each kind of cursor the API hands out. */
class CursorsTest {

    private static final Predicate<EntityQuery.Cursor> POSITION = c -> c.values() != null && c.entityRef() != null;

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static EntityQuery.Cursor position(String text) {
        return Cursors.decode(text, EntityQuery.Cursor.class, POSITION);
    }

    private static ApiException rejection(Runnable decode) {
        ApiException error = catchThrowableOfType(ApiException.class, decode::run);
        assertThat(error).isNotNull();
        assertThat(error.status()).isEqualTo(400);
        return error;
    }

    @Test
    void aPositionDecodesToWhatItWasMadeFrom() {
        EntityQuery.Cursor position = new EntityQuery.Cursor(List.of("orders", "Ünïcode & spaces/?"), "component:default/orders");

        assertThat(position(Cursors.encode(position))).isEqualTo(position);
    }

    @Test
    void aPositionWithAMissingSortValueSurvivesTheRoundTrip() {
        EntityQuery.Cursor position = new EntityQuery.Cursor(Arrays.asList("orders", null), "component:default/orders");

        assertThat(position(Cursors.encode(position))).isEqualTo(position);
    }

    @Test
    void aQueryCursorCarriesItsWholeQuery() throws Exception {
        QueryCursor cursor = new QueryCursor(List.of("kind=component"), new ObjectMapper().readTree("{\"spec.type\": \"service\"}"),
                "order", List.of("metadata.name"), List.of("metadata.name,desc"), List.of("orders"), "component:default/orders", true, 42);

        assertThat(QueryCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void aLocationsCursorRoundTrips() {
        LocationsResource.LocationCursor cursor = new LocationsResource.LocationCursor(null, 10, 5);

        LocationsResource.LocationCursor decoded = Cursors.decode(Cursors.encode(cursor), LocationsResource.LocationCursor.class, c -> true);
        assertThat(decoded.offset()).isEqualTo(10);
        assertThat(decoded.limit()).isEqualTo(5);
    }

    @Test
    void aCursorIsSafeToPutInAUrlAsItIs() {
        String cursor = Cursors.encode(new EntityQuery.Cursor(List.of("???>>>", "~~~"), "component:default/orders"));

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a cursor!", "e30", "W10", "bnVsbA", "eyJ2YWx1ZXMiOltdfQ", "", "%%%"})
    void aCursorThatIsNotOneOfOursIsABadRequest(String text) {
        // e30 = {}, W10 = [], bnVsbA = null, eyJ2YWx1ZXMiOltdfQ = {"values":[]} without a position
        assertThat(rejection(() -> position(text)).getMessage()).isEqualTo("Invalid cursor '" + text + "'");
    }

    @Test
    void aCursorOfAnotherKindIsABadRequest() {
        String locations = Cursors.encode(new LocationsResource.LocationCursor(null, 10, 5));

        rejection(() -> position(locations));
        rejection(() -> QueryCursor.decode(locations));
    }

    @Test
    void aTamperedCursorWithValuesThatAreNotTextIsABadRequest() {
        rejection(() -> position(base64("{\"values\": [42, {\"a\": 1}], \"entityRef\": \"component:default/orders\"}")));
        rejection(() -> position(base64("{\"values\": [\"a\"], \"entityRef\": 7}")));
        rejection(() -> position(base64("{\"values\": [true], \"entityRef\": \"component:default/orders\"}")));
    }

    @Test
    void anOversizedCursorIsRefusedWithoutEchoingIt() {
        String huge = base64("{\"values\": [\"" + "x".repeat(Cursors.MAX_LENGTH) + "\"], \"entityRef\": \"a\"}");

        ApiException error = rejection(() -> position(huge));
        assertThat(error.getMessage()).hasSizeLessThan(100);
        rejection(() -> Cursors.encode(new EntityQuery.Cursor(List.of("x".repeat(Cursors.MAX_LENGTH)), "a")));
    }
}
