-- Which instance holds the claim, or held it last (catalog.instance-name): with several replicas, an operator can
-- tell who is reading a location that takes long, and whose leases a crashed replica left behind.
ALTER TABLE locations ADD COLUMN claimed_by text;
