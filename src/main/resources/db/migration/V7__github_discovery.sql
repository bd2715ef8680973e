-- What the last scan of a GitHub provider knew of each repository: a re-scan reads again only the repositories whose
-- listing entry changed (pushed_at, default branch) or that newly match the filters.
CREATE TABLE github_repositories (
    provider      text        NOT NULL,
    -- lower-case owner/name: GitHub names are case-insensitive
    repo_key      text        NOT NULL,
    repository_id bigint,
    organization  text        NOT NULL,
    -- the listing entry (RepositoryFacts) as last seen, with GitHub's spelling of the name
    facts         jsonb       NOT NULL,
    matched       boolean     NOT NULL,
    -- the branch read and the descriptor paths found there (null/empty when not read)
    branch        text,
    descriptors   jsonb       NOT NULL DEFAULT '[]',
    -- 'ok', 'failed' (read again at the next scan) or 'unread' (does not match the filters)
    read_status   text        NOT NULL,
    read_error    text,
    read_at       timestamptz,
    PRIMARY KEY (provider, repo_key)
);

-- The last scans of each provider, newest first in /api/admin/providers.
CREATE TABLE github_scans (
    id                    bigserial   PRIMARY KEY,
    provider              text        NOT NULL,
    started_at            timestamptz NOT NULL,
    finished_at           timestamptz,
    status                text        NOT NULL,
    repositories_seen     integer     NOT NULL DEFAULT 0,
    repositories_matched  integer     NOT NULL DEFAULT 0,
    repositories_read     integer     NOT NULL DEFAULT 0,
    locations             integer     NOT NULL DEFAULT 0,
    requests              bigint      NOT NULL DEFAULT 0,
    not_modified          bigint      NOT NULL DEFAULT 0,
    rate_limit_remaining  bigint,
    rate_limit_reset      timestamptz,
    blocked_until         timestamptz,
    errors                jsonb       NOT NULL DEFAULT '[]'
);
CREATE INDEX github_scans_provider ON github_scans (provider, id DESC);
