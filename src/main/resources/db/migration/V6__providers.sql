-- Locations a provider (GitHub discovery) found: refreshed when the provider sees a change, not on the loop's timer.
ALTER TABLE locations DROP CONSTRAINT locations_source_check;
ALTER TABLE locations ADD CONSTRAINT locations_source_check CHECK (source IN ('config', 'api', 'entity', 'provider'));
-- the provider id (catalog.providers.github.<id>) that owns a 'provider' location
ALTER TABLE locations ADD COLUMN provider text;
CREATE INDEX locations_provider ON locations (provider) WHERE provider IS NOT NULL;

-- GitHub answers kept for conditional requests: a 304 for an unchanged page costs no rate limit.
CREATE TABLE github_http_cache (
    provider   text        NOT NULL,
    url        text        NOT NULL,
    etag       text        NOT NULL,
    -- gzip of the body as GitHub sent it
    body       bytea       NOT NULL,
    headers    jsonb       NOT NULL DEFAULT '{}',
    stored_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, url)
);
