-- Locations: every descriptor the catalog reads, registered (config/API) or declared by a Location entity.
CREATE TABLE locations (
    id              uuid PRIMARY KEY,
    type            text        NOT NULL,
    target          text        NOT NULL,
    -- 'config' and 'api' locations are listed by /api/catalog/locations; 'entity' ones were declared in a descriptor.
    source          text        NOT NULL CHECK (source IN ('config', 'api', 'entity')),
    parent_id       uuid        REFERENCES locations (id) ON DELETE CASCADE,
    -- the registered location this one descends from, as type:target (managed-by-origin-location)
    origin          text        NOT NULL,
    -- the Location entity that stands for this location; read errors are shown in its status.items
    declared_by     text,
    content_hash    text,
    http_etag       text,
    dependencies    jsonb       NOT NULL DEFAULT '[]',
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ok', 'failed')),
    errors          jsonb       NOT NULL DEFAULT '[]',
    last_read_at    timestamptz,
    last_success_at timestamptz,
    next_refresh_at timestamptz NOT NULL DEFAULT now(),
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (type, target)
);
CREATE INDEX locations_due ON locations (next_refresh_at);
CREATE INDEX locations_parent ON locations (parent_id);
CREATE INDEX locations_declared_by ON locations (declared_by);

-- Entities as processed (placeholders resolved, catalog annotations set); relations and status are joined in when served.
CREATE TABLE entities (
    id          uuid PRIMARY KEY,
    entity_ref  text        NOT NULL UNIQUE,
    kind        text        NOT NULL,
    namespace   text        NOT NULL,
    name        text        NOT NULL,
    location_id uuid        REFERENCES locations (id) ON DELETE SET NULL,
    body        json        NOT NULL, -- json, not jsonb: served as written, key order kept
    hash        text        NOT NULL,
    errors      jsonb       NOT NULL DEFAULT '[]',
    orphan      boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entities_location ON entities (location_id);

-- Both directions of every relation, each row owned by the entity whose descriptor produced it.
CREATE TABLE relations (
    originating_entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    source_ref            text NOT NULL,
    type                  text NOT NULL,
    target_ref            text NOT NULL
);
CREATE INDEX relations_source ON relations (source_ref);
CREATE INDEX relations_target ON relations (target_ref, type);
CREATE INDEX relations_origin ON relations (originating_entity_id);

-- Flattened, lower-cased key/value pairs of each entity, for filters, ordering and facets.
CREATE TABLE search (
    entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    key       text NOT NULL,
    value     text
);
CREATE INDEX search_key_value ON search (key, value);
CREATE INDEX search_entity ON search (entity_id);
