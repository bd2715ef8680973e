-- Entities served as stitched on write (#9): each entity's served JSON (body, uid, etag, relations, status), kept so
-- that a read copies stored text instead of assembling every entity from its relation rows and errors on every call.
-- Only the stitcher (storage.ServedEntities, one at a time across replicas) writes served_entities.
CREATE TABLE served_entities (
    entity_ref text PRIMARY KEY,
    entity_id  uuid NOT NULL,
    served     text NOT NULL
);

-- Refs whose served text may be out of date, appended in the transaction of the change. Writers only append, so
-- concurrent location commits never wait on each other over a popular entity (a group hundreds of components are owned
-- by); the stitcher deletes the rows it has stitched. A read serves the stored text only when no row names the entity
-- and the text is of the same entity row, and assembles the entity from the live rows otherwise, so what is served is
-- always what is committed. No key: a row is written for every entity a commit touches, and the writes are the cost.
CREATE TABLE stale_entities (
    entity_ref text NOT NULL
);
CREATE INDEX stale_entities_ref ON stale_entities (entity_ref);

-- What marks an entity stale:
-- - the writer's inserts and replacements (storage.EntityStore): each entity written and the entity every relation
--   row it writes or removes starts from (a component's ownedBy gives its group an ownerOf row): marked in bulk by
--   the writer, which knows them, instead of by a trigger capturing ~10 relation rows per entity;
-- - a change of an entity row's errors or orphan state: the trigger below (a replacement's new body is marked by the
--   writer already, so a change of hash alone is not marked twice);
-- - a deleted entity, and the entities its relation rows started from: entities_removed, below;
-- - a location's read errors, served on the Location entity that declared it: the location triggers below.
CREATE FUNCTION stale_entity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stale_entities (entity_ref) VALUES (NEW.entity_ref);
    RETURN NULL;
END $$;

CREATE TRIGGER entities_stale_changed AFTER UPDATE ON entities FOR EACH ROW
    WHEN (OLD.errors IS DISTINCT FROM NEW.errors OR OLD.orphan IS DISTINCT FROM NEW.orphan)
    EXECUTE FUNCTION stale_entity_changed();

CREATE OR REPLACE FUNCTION entities_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search s USING removed r WHERE s.entity_id = r.id;
    WITH gone AS (DELETE FROM relations x USING removed r WHERE x.originating_entity_id = r.id RETURNING x.source_ref)
    INSERT INTO stale_entities (entity_ref) SELECT source_ref FROM gone UNION SELECT entity_ref FROM removed;
    RETURN NULL;
END $$;

CREATE FUNCTION stale_location_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.declared_by IS NOT NULL THEN
        INSERT INTO stale_entities (entity_ref) VALUES (OLD.declared_by);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.declared_by IS NOT NULL THEN
        INSERT INTO stale_entities (entity_ref) VALUES (NEW.declared_by);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER locations_stale_added AFTER INSERT ON locations FOR EACH ROW
    WHEN (NEW.declared_by IS NOT NULL AND NEW.errors <> '[]'::jsonb)
    EXECUTE FUNCTION stale_location_changed();
CREATE TRIGGER locations_stale_removed AFTER DELETE ON locations FOR EACH ROW
    WHEN (OLD.declared_by IS NOT NULL AND OLD.errors <> '[]'::jsonb)
    EXECUTE FUNCTION stale_location_changed();
CREATE TRIGGER locations_stale_changed AFTER UPDATE ON locations FOR EACH ROW
    WHEN (OLD.errors IS DISTINCT FROM NEW.errors OR OLD.declared_by IS DISTINCT FROM NEW.declared_by)
    EXECUTE FUNCTION stale_location_changed();

-- what a catalog already holds is stitched by the first passes
INSERT INTO stale_entities (entity_ref) SELECT entity_ref FROM entities;
