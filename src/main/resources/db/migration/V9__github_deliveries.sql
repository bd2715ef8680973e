-- GitHub webhook deliveries, stored before they are answered and processed from here: the rows, not the channel,
-- are what survives a crash, and the delivery id (X-GitHub-Delivery) as primary key is what makes a redelivery, to
-- this replica or another, a no-op.
CREATE TABLE github_deliveries (
    delivery_id     text        PRIMARY KEY,
    event           text        NOT NULL,
    -- X-GitHub-Hook-ID: which hook sent it (an organisation may have several pointing here)
    hook_id         text,
    received_at     timestamptz NOT NULL DEFAULT now(),
    -- the JSON payload as GitHub sent it (decoded from payload= when the hook sends form-encoded bodies)
    payload         bytea       NOT NULL,
    status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'done', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    -- a pending delivery is not claimed before this (retry back-off)
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- a processing delivery whose claim ran out (its replica crashed) is claimed again
    claimed_until   timestamptz,
    -- what processing did, e.g. "ignored: no provider reads acme on github.com"
    note            text,
    error           text,
    processed_at    timestamptz
);
CREATE INDEX github_deliveries_open ON github_deliveries (received_at) WHERE status IN ('pending', 'processing');
CREATE INDEX github_deliveries_processed ON github_deliveries (processed_at) WHERE processed_at IS NOT NULL;
