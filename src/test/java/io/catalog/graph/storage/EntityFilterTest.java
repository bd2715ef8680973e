package io.catalog.graph.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityFilterTest {

    @Test
    void conditionsInOneParameterMustAllHold() {
        EntityFilter filter = EntityFilter.parse(List.of("kind=component,spec.type=service"));

        assertThat(filter.anyOf()).containsExactly(Map.of("kind", List.of("component"), "spec.type", List.of("service")));
    }

    @Test
    void separateParametersAreAlternatives() {
        EntityFilter filter = EntityFilter.parse(List.of("kind=component,spec.type=service", "kind=group"));

        assertThat(filter.anyOf()).containsExactly(
                Map.of("kind", List.of("component"), "spec.type", List.of("service")),
                Map.of("kind", List.of("group")));
    }

    @Test
    void theSameKeyTwiceInOneParameterMatchesAnyOfItsValues() {
        EntityFilter filter = EntityFilter.parse(List.of("kind=component,kind=api,spec.lifecycle=production"));

        assertThat(filter.anyOf()).containsExactly(
                Map.of("kind", List.of("component", "api"), "spec.lifecycle", List.of("production")));
    }

    @Test
    void aBareKeyOnlyAsksForTheFieldToExist() {
        EntityFilter filter = EntityFilter.parse(List.of("metadata.annotations.backstage.io/techdocs-ref,kind=component"));

        assertThat(filter.anyOf()).containsExactly(
                Map.of("metadata.annotations.backstage.io/techdocs-ref", List.of(), "kind", List.of("component")));
    }

    @Test
    void keysAndValuesAreLowerCasedAndTrimmed() {
        EntityFilter filter = EntityFilter.parse(List.of("  Kind = Component ,  Spec.Type=Service  "));

        assertThat(filter.anyOf()).containsExactly(Map.of("kind", List.of("component"), "spec.type", List.of("service")));
    }

    @Test
    void aValueMayContainAnEqualsSign() {
        EntityFilter filter = EntityFilter.parse(List.of("metadata.annotations.acme.com/query=a=b"));

        assertThat(filter.anyOf()).containsExactly(Map.of("metadata.annotations.acme.com/query", List.of("a=b")));
    }

    @Test
    void anEmptyValueIsAValueNotAnExistenceCheck() {
        EntityFilter filter = EntityFilter.parse(List.of("spec.type="));

        assertThat(filter.anyOf()).containsExactly(Map.of("spec.type", List.of("")));
    }

    @Test
    void emptyConditionsAndEmptyParametersAreIgnored() {
        EntityFilter filter = EntityFilter.parse(List.of("kind=component,, ,", "", " "));

        assertThat(filter.anyOf()).containsExactly(Map.of("kind", List.of("component")));
    }

    @Test
    void noFilterMatchesEverything() {
        assertThat(EntityFilter.parse(null)).isEqualTo(EntityFilter.ALL);
        assertThat(EntityFilter.parse(List.of())).isEqualTo(EntityFilter.ALL);
        assertThat(EntityFilter.ALL.anyOf()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"=component", " = component", "kind=component,=api"})
    void aConditionWithoutAKeyIsRejected(String parameter) {
        assertThatThrownBy(() -> EntityFilter.parse(List.of(parameter)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid filter '" + parameter + "'")
                .hasMessageContaining("no key");
    }
}
