// Minimal Backstage backend for the ingest benchmark: the catalog plugin only, on the default
// services of @backstage/backend-defaults. Config comes from `--config app-config.yaml` (see run.sh).
'use strict';

const { createBackend } = require('@backstage/backend-defaults');

const backend = createBackend();
backend.add(import('@backstage/plugin-catalog-backend'));
backend.start();
