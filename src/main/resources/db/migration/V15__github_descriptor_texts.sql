-- Descriptors as a scan read them in bulk (GraphQL, 50 repositories a query): the refresh loop serves a discovered
-- descriptor from here, without a request, until its repository changes (a scan re-reads the repository and replaces
-- its rows; a push naming the file, or a refresh asked for by hand, empties its row, so the file is read again
-- through the contents API).
CREATE TABLE github_descriptor_texts (
    -- the location's target: the descriptor's blob URL
    url        text        PRIMARY KEY,
    provider   text        NOT NULL,
    -- lower-case owner/name, as github_repositories.repo_key
    repo_key   text        NOT NULL,
    -- the blob's git object id and text as GitHub served them; both null once the row is emptied ("read it again")
    oid        text,
    body       bytea,
    -- when the query that read it started, or when it was emptied: a scan's query never overwrites a row emptied
    -- after it started (a push it did not see yet)
    read_at    timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX github_descriptor_texts_repository ON github_descriptor_texts (provider, repo_key);
