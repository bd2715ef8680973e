-- The catalog-path a repository's descriptors were looked for with: when the provider's catalog-path changes, every
-- repository is read again with the new one. Rows from before are taken to have used the current one.
ALTER TABLE github_repositories ADD COLUMN catalog_path text;
