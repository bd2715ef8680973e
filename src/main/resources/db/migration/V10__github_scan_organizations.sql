-- What each scan did with the organisations' teams and members (one entry per organisation).
ALTER TABLE github_scans ADD COLUMN organizations jsonb NOT NULL DEFAULT '[]';
