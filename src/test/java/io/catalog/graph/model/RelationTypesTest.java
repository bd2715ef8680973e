package io.catalog.graph.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RelationTypesTest {

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({
            "ownedBy,     ownerOf",
            "partOf,      hasPart",
            "providesApi, apiProvidedBy",
            "consumesApi, apiConsumedBy",
            "dependsOn,   dependencyOf",
            "memberOf,    hasMember",
            "childOf,     parentOf",
    })
    void eachTypeHasItsInverseBothWays(String type, String inverse) {
        assertThat(RelationTypes.inverse(type)).isEqualTo(inverse);
        assertThat(RelationTypes.inverse(inverse)).isEqualTo(type);
    }

    @Test
    void listsEveryConstant() {
        assertThat(RelationTypes.all()).containsExactly(
                RelationTypes.OWNED_BY, RelationTypes.OWNER_OF,
                RelationTypes.PART_OF, RelationTypes.HAS_PART,
                RelationTypes.PROVIDES_API, RelationTypes.API_PROVIDED_BY,
                RelationTypes.CONSUMES_API, RelationTypes.API_CONSUMED_BY,
                RelationTypes.DEPENDS_ON, RelationTypes.DEPENDENCY_OF,
                RelationTypes.MEMBER_OF, RelationTypes.HAS_MEMBER,
                RelationTypes.CHILD_OF, RelationTypes.PARENT_OF);
    }

    @Test
    void theListCannotBeChanged() {
        assertThatThrownBy(() -> RelationTypes.all().add("likes"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"OwnedBy", "owned_by", "likes", " ownedBy"})
    void rejectsUnknownTypes(String type) {
        assertThatThrownBy(() -> RelationTypes.inverse(type))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown relation type");
    }
}
