// One node per entity ref, found by ref in constant time: every query starts from a ref.
CREATE CONSTRAINT entity_ref_unique IF NOT EXISTS FOR (e:Entity) REQUIRE e.ref IS UNIQUE;
// Consistency counts and placeholder clean-up look nodes up by kind and by existence.
CREATE INDEX entity_kind IF NOT EXISTS FOR (e:Entity) ON (e.kind);
CREATE INDEX entity_exists IF NOT EXISTS FOR (e:Entity) ON (e.exists);
