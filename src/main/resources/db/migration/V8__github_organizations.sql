-- The last complete read of a GitHub organisation's teams and members, per provider: what its Group and User
-- entities are generated from. Only a complete read (or a webhook's targeted re-read) replaces it, so a failed or
-- rate-limited read keeps the last good groups and users.
CREATE TABLE github_organizations (
    provider      text        NOT NULL,
    organization  text        NOT NULL,
    -- io.catalog.graph.github.OrganizationSnapshot as JSON
    snapshot      jsonb       NOT NULL,
    -- sha-256 of the snapshot: the ETag of the generated descriptor
    digest        text        NOT NULL,
    read_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, organization)
);
CREATE INDEX github_organizations_org ON github_organizations (lower(organization));
