package io.catalog.graph.storage;

import io.catalog.graph.model.LocationSource;
import io.catalog.graph.model.ProcessingError;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code locations} as Hibernate maps it, read through {@link LocationRepository} only and never handed to
 * the API (it gets {@link LocationState}); writes go through {@link LocationStore}, which claims and commits in SQL.
 */
@Entity
@Table(name = "locations")
class LocationRecord {

    @Id
    UUID id;
    String type;
    String target;
    @Convert(converter = SourceColumn.class)
    LocationSource source;
    @Column(name = "parent_id")
    UUID parentId;
    String origin;
    @Column(name = "declared_by")
    String declaredBy;
    String status;
    @JdbcTypeCode(SqlTypes.JSON)
    List<ProcessingError> errors;
    @Column(name = "last_read_at")
    OffsetDateTime lastReadAt;
    @Column(name = "last_success_at")
    OffsetDateTime lastSuccessAt;
    @Column(name = "next_refresh_at")
    OffsetDateTime nextRefreshAt;
    @Column(name = "created_at")
    OffsetDateTime createdAt;

    LocationState state() {
        return new LocationState(id, type, target, source, parentId, origin, declaredBy, status,
                errors == null ? List.of() : List.copyOf(errors), lastReadAt, lastSuccessAt, nextRefreshAt, createdAt);
    }

    /** {@code locations.source} holds {@link LocationSource#column()}. */
    @Converter
    static class SourceColumn implements AttributeConverter<LocationSource, String> {
        @Override
        public String convertToDatabaseColumn(LocationSource source) {
            return source == null ? null : source.column();
        }

        @Override
        public LocationSource convertToEntityAttribute(String column) {
            return column == null ? null : LocationSource.ofColumn(column);
        }
    }
}
