-- Entities served as stitched on write (#9): each entity's served JSON (body, uid, etag, relations, status), kept so
-- that a read copies stored text instead of assembling every entity from its relation rows and errors on every call.
-- Only the stitcher (storage.ServedEntities, one at a time across replicas) writes served_entities.
CREATE TABLE served_entities (
    entity_ref text PRIMARY KEY,
    entity_id  uuid NOT NULL,
    served     text NOT NULL
);

-- Refs whose served text may be out of date. Writers only append (triggers below), so concurrent location commits
-- never wait on each other over a popular entity (a group that hundreds of components are owned by); the stitcher
-- deletes the rows it has stitched. A read serves the stored text only when no row names the entity, and assembles
-- it from the live rows otherwise, so what is served is always what is committed.
CREATE TABLE stale_entities (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entity_ref text NOT NULL
);
CREATE INDEX stale_entities_ref ON stale_entities (entity_ref);

CREATE FUNCTION stale_entities_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stale_entities (entity_ref) SELECT DISTINCT entity_ref FROM added;
    RETURN NULL;
END $$;

CREATE FUNCTION stale_entities_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stale_entities (entity_ref) SELECT DISTINCT entity_ref FROM removed;
    RETURN NULL;
END $$;

-- an entity's row: inserted, deleted, or changed in what is served (not its position in its file)
CREATE TRIGGER entities_stale_added AFTER INSERT ON entities REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION stale_entities_added();
CREATE TRIGGER entities_stale_removed AFTER DELETE ON entities REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION stale_entities_removed();

CREATE FUNCTION stale_entity_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stale_entities (entity_ref) VALUES (NEW.entity_ref);
    IF OLD.entity_ref <> NEW.entity_ref THEN
        INSERT INTO stale_entities (entity_ref) VALUES (OLD.entity_ref);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER entities_stale_changed AFTER UPDATE ON entities FOR EACH ROW
    WHEN (OLD.hash IS DISTINCT FROM NEW.hash OR OLD.errors IS DISTINCT FROM NEW.errors OR OLD.orphan IS DISTINCT FROM NEW.orphan
          OR OLD.entity_ref IS DISTINCT FROM NEW.entity_ref)
    EXECUTE FUNCTION stale_entity_changed();

-- a relation row is served on the entity it starts from, whoever declared it
CREATE FUNCTION stale_relations_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stale_entities (entity_ref) SELECT DISTINCT source_ref FROM added;
    RETURN NULL;
END $$;

CREATE FUNCTION stale_relations_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stale_entities (entity_ref) SELECT DISTINCT source_ref FROM removed;
    RETURN NULL;
END $$;

CREATE TRIGGER relations_stale_added AFTER INSERT ON relations REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION stale_relations_added();
CREATE TRIGGER relations_stale_removed AFTER DELETE ON relations REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION stale_relations_removed();
CREATE TRIGGER relations_stale_changed_old AFTER UPDATE ON relations REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION stale_relations_removed();
CREATE TRIGGER relations_stale_changed_new AFTER UPDATE ON relations REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION stale_relations_added();

-- a location's read errors are served in the status of the Location entity that declared it
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

-- what a catalog already holds is stitched by the first pass
INSERT INTO stale_entities (entity_ref) SELECT entity_ref FROM entities;
