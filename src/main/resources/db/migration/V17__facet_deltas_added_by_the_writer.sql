-- The writer appends the facet deltas of the search rows it inserts itself, counted as it builds them (#7, #9): the
-- statement trigger had PostgreSQL keep every inserted search row (~25 per entity) in a transition table and join it
-- with facet_keys, about a fifth of the cost of the largest write of a first load. Search rows are inserted in one
-- place (EntityStore); they go in many (an entity changed, deleted, or deleted with its location), so deletions and
-- updates keep their triggers.
DROP TRIGGER search_facets_added ON search;
