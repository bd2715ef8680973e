-- The graph outbox. A row says only "this entity ref changed": it is written in the same transaction as the change,
-- and the projector reads the entity's state as it is when it applies the row, so rows need no payload and applying
-- one twice, late or out of order still leaves the graph right. Rows are deleted once applied.
CREATE TABLE graph_changes (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_ref text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
