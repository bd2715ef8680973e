// A relationship no longer names the entity that declared it (origin, a ref on every relationship): its start node
// declared it, or its end node when it carries declaredByTarget: true. Graphs written before are rewritten in
// batches; a relationship whose origin is both ends (an entity related to itself) counts as declared by its start.
MATCH (s:Entity)-[r]->(t:Entity)
WHERE r.origin IS NOT NULL
CALL (s, r, t) {
  SET r.declaredByTarget = CASE WHEN r.origin <> s.ref AND r.origin = t.ref THEN true END
  REMOVE r.origin
} IN TRANSACTIONS OF 10000 ROWS;
