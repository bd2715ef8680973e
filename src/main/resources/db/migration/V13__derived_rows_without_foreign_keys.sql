-- Search and relation rows go with their entity through one statement trigger instead of foreign keys (#9). The keys
-- checked every one of the ~25 search rows and ~10 relation rows an entity writes against its entity row, each check
-- a lookup and a row lock: measured on PostgreSQL, half the cost of writing the search rows, and those rows were the
-- largest single part of an ingest. The writer only ever adds these rows for entity rows of its own transaction
-- (inserted, or updated and so locked; CatalogWriter), which is the guarantee the keys gave.
ALTER TABLE search DROP CONSTRAINT search_entity_id_fkey;
ALTER TABLE relations DROP CONSTRAINT relations_originating_entity_id_fkey;

CREATE FUNCTION entities_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search s USING removed r WHERE s.entity_id = r.id;
    DELETE FROM relations x USING removed r WHERE x.originating_entity_id = r.id;
    RETURN NULL;
END $$;

CREATE TRIGGER entities_removed AFTER DELETE ON entities REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION entities_removed();
