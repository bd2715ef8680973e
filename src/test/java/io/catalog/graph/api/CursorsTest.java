package io.catalog.graph.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.catalog.graph.storage.EntityQuery;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCursorDecodesToThePositionItWasMadeFrom() {
        EntityQuery.Cursor position = new EntityQuery.Cursor(List.of("orders", "Ünïcode & spaces/?"), "component:default/orders");

        assertThat(Cursors.decode(JSON, Cursors.encode(JSON, position))).isEqualTo(position);
    }

    @Test
    void aPositionWithAMissingSortValueSurvivesTheRoundTrip() {
        EntityQuery.Cursor position = new EntityQuery.Cursor(Arrays.asList("orders", null), "component:default/orders");

        assertThat(Cursors.decode(JSON, Cursors.encode(JSON, position))).isEqualTo(position);
    }

    @Test
    void aCursorIsSafeToPutInAUrlAsItIs() {
        String cursor = Cursors.encode(JSON, new EntityQuery.Cursor(List.of("???>>>", "~~~"), "component:default/orders"));

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a cursor!", "e30", "W10", "eyJ2IjpbXX0"})
    void aCursorThatIsNotOneOfOursIsABadRequest(String text) {
        // e30 = {}, W10 = [], eyJ2IjpbXX0 = {"v":[]} without a position
        ApiException error = catchThrowableOfType(ApiException.class, () -> Cursors.decode(JSON, text));

        assertThat(error).isNotNull();
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.getMessage()).isEqualTo("Invalid cursor '" + text + "'");
    }

    @Test
    void aTamperedCursorWithSortValuesThatAreNotTextIsABadRequest() {
        String forged = base64("{\"v\": [42, {\"a\": 1}], \"r\": \"component:default/orders\"}");

        ApiException error = catchThrowableOfType(ApiException.class, () -> Cursors.decode(JSON, forged));

        assertThat(error).isNotNull();
        assertThat(error.status()).isEqualTo(400);
    }

    @Test
    void aTamperedCursorWithAPositionThatIsNotTextIsABadRequest() {
        String forged = base64("{\"v\": [\"a\"], \"r\": 7}");

        ApiException error = catchThrowableOfType(ApiException.class, () -> Cursors.decode(JSON, forged));

        assertThat(error).isNotNull();
        assertThat(error.status()).isEqualTo(400);
    }
}
