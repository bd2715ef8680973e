-- Facets answer with values as written (Component, not component); filters keep matching the lower-cased value.
-- No index of its own: facet queries find their rows through (key, value), and every index slows a large ingest.
ALTER TABLE search ADD COLUMN original_value text;
UPDATE search SET original_value = value;
