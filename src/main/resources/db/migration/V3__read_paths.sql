-- Filters find entity ids, and facets their values as written, from the search index alone (index-only scans).
CREATE INDEX search_key_value_entity ON search (key, value) INCLUDE (entity_id, original_value);
DROP INDEX search_key_value;
-- key and value are strongly dependent (spec.type=service is common, metadata.name=service is not): without joint
-- statistics the planner underestimates matches by orders of magnitude and picks nested loops.
CREATE STATISTICS search_key_value_stats (mcv) ON key, value FROM search;
-- Lists filtered by kind and ordered by name walk this index and stop after one page.
CREATE INDEX entities_kind_name ON entities (kind, name, entity_ref);
