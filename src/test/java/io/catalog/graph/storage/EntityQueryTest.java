package io.catalog.graph.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.catalog.graph.storage.EntityQuery.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityQueryTest {

    @Test
    void orderAscendingAndDescending() {
        assertThat(Order.parse("asc:metadata.name")).isEqualTo(new Order("metadata.name", false));
        assertThat(Order.parse("desc:metadata.name")).isEqualTo(new Order("metadata.name", true));
    }

    @Test
    void orderDirectionAndFieldAreCaseInsensitiveAndTrimmed() {
        assertThat(Order.parse(" DESC : Metadata.Title ")).isEqualTo(new Order("metadata.title", true));
    }

    @Test
    void orderFieldMayContainColons() {
        assertThat(Order.parse("asc:metadata.annotations.acme.com:team")).isEqualTo(new Order("metadata.annotations.acme.com:team", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"metadata.name", "up:metadata.name", "ascending:metadata.name", ":metadata.name"})
    void orderWithoutAscOrDescIsRejected(String text) {
        assertThatThrownBy(() -> Order.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid order '" + text + "', expected asc:<field> or desc:<field>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"asc:", "desc:   "})
    void orderWithoutAFieldIsRejected(String text) {
        assertThatThrownBy(() -> Order.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid order '" + text + "': no field");
    }
}
