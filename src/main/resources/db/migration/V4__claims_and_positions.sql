-- A claim is a token plus a lease: only the holder of the token may commit a read of the location, and nobody
-- else claims it while the lease runs. next_refresh_at says only when the next read is due.
ALTER TABLE locations ADD COLUMN claim_token uuid;
ALTER TABLE locations ADD COLUMN lease_until timestamptz;
-- Someone asked for a read while another worker held the claim: the holder's commit makes the location due again.
ALTER TABLE locations ADD COLUMN refresh_requested boolean NOT NULL DEFAULT false;
-- Consecutive commits the database refused; the retry delay doubles with each.
ALTER TABLE locations ADD COLUMN failed_commits integer NOT NULL DEFAULT 0;
-- Which document of its location's file an entity came from (0-based), so that a document that no longer says
-- which entity it is can still be matched to the entity it was.
ALTER TABLE entities ADD COLUMN document_index integer;
