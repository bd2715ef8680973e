-- Facets over the whole catalog, counted on write (#9): counting ~230,000 index entries on every call cost 80-120 ms
-- at 100k entities. Only the keys listed in facet_keys are counted (portals facet on few, low-cardinality fields;
-- counting names and uids would double the search rows written); facets on other keys, or with a filter, are still
-- computed when asked.
CREATE TABLE facet_keys (
    key text PRIMARY KEY
);
INSERT INTO facet_keys (key) VALUES
    ('kind'), ('metadata.namespace'), ('metadata.tags'), ('spec.type'), ('spec.lifecycle'), ('spec.owner'),
    ('spec.system'), ('spec.domain');

-- Writers only ever append deltas (no row is updated by two writers, so concurrent location commits never wait on
-- each other or deadlock over a popular value); a folder moves them into facet_counts. A reader adds both up.
CREATE TABLE facet_counts (
    key            text   NOT NULL,
    original_value text   NOT NULL,
    entities       bigint NOT NULL,
    PRIMARY KEY (key, original_value)
);
CREATE TABLE facet_deltas (
    key            text   NOT NULL,
    original_value text   NOT NULL,
    entities       bigint NOT NULL
);
CREATE INDEX facet_deltas_key ON facet_deltas (key);

CREATE FUNCTION facet_deltas_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO facet_deltas (key, original_value, entities)
    SELECT n.key, n.original_value, count(*) FROM added n JOIN facet_keys k ON k.key = n.key
     WHERE n.original_value IS NOT NULL GROUP BY n.key, n.original_value;
    RETURN NULL;
END $$;

CREATE FUNCTION facet_deltas_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO facet_deltas (key, original_value, entities)
    SELECT o.key, o.original_value, -count(*) FROM removed o JOIN facet_keys k ON k.key = o.key
     WHERE o.original_value IS NOT NULL GROUP BY o.key, o.original_value;
    RETURN NULL;
END $$;

CREATE TRIGGER search_facets_added AFTER INSERT ON search REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION facet_deltas_added();
CREATE TRIGGER search_facets_removed AFTER DELETE ON search REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION facet_deltas_removed();
CREATE TRIGGER search_facets_updated_old AFTER UPDATE ON search REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION facet_deltas_removed();
CREATE TRIGGER search_facets_updated_new AFTER UPDATE ON search REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION facet_deltas_added();

-- what a catalog already holds
INSERT INTO facet_counts (key, original_value, entities)
SELECT s.key, s.original_value, count(*) FROM search s JOIN facet_keys k ON k.key = s.key
 WHERE s.original_value IS NOT NULL GROUP BY s.key, s.original_value;
