package io.catalog.graph.storage;

import io.catalog.graph.model.ProcessingError;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A row of {@code locations}, as the API reads it; writes go through {@link LocationStore} in plain SQL. */
@Entity
@Table(name = "locations")
public class LocationRecord extends PanacheEntityBase {

    @Id
    public UUID id;
    public String type;
    public String target;
    public String source;
    @Column(name = "parent_id")
    public UUID parentId;
    public String origin;
    @Column(name = "declared_by")
    public String declaredBy;
    public String status;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<ProcessingError> errors;
    @Column(name = "last_read_at")
    public OffsetDateTime lastReadAt;
    @Column(name = "last_success_at")
    public OffsetDateTime lastSuccessAt;
    @Column(name = "next_refresh_at")
    public OffsetDateTime nextRefreshAt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** Locations registered through configuration or the API, oldest first. */
    public static List<LocationRecord> registered() {
        return list("source <> 'entity' order by createdAt, id");
    }

    /** Every location the catalog reads, registered or declared. */
    public static List<LocationRecord> all() {
        return list("order by origin, type, target");
    }
}
