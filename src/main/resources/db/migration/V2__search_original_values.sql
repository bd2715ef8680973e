-- Facets answer with values as written (Component, not component); filters keep matching the lower-cased value.
ALTER TABLE search ADD COLUMN original_value text;
UPDATE search SET original_value = value;
CREATE INDEX search_key_original ON search (key, original_value);
