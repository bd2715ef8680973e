// End-to-end tests of Catalog Graph through Backstage's own catalog client (@backstage/catalog-client).
//
// Run by src/test/java/io/catalog/graph/e2e/CatalogClientE2ETest.java against the Quarkus test server, which has
// loaded the Northwind Logistics example catalog (ingest/example). Environment:
//   CATALOG_BASE_URL  the server, e.g. http://localhost:41234
//   CATALOG_TOKEN     a token accepted for writes
//   E2E_WORKSPACE     a folder the catalog may read, holding the fixture descriptors the Java runner wrote
//   EXAMPLE_LOCATION  the location ref of the example catalog's root file (file:/.../ingest/example/catalog-info.yaml)
//
// Other test classes write into the same catalog, so every read of the example catalog is scoped to the entities
// that descend from EXAMPLE_LOCATION, and every write uses its own fixture folder and e2e-* names.

import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CatalogClient, CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';

for (const name of ['CATALOG_BASE_URL', 'CATALOG_TOKEN', 'E2E_WORKSPACE', 'EXAMPLE_LOCATION']) {
  if (!process.env[name]) {
    throw new Error(`environment variable ${name} is required (run through CatalogClientE2ETest)`);
  }
}

const BASE = process.env.CATALOG_BASE_URL + '/api/catalog';
const WORKSPACE = process.env.E2E_WORKSPACE;
const EXAMPLE_LOCATION = process.env.EXAMPLE_LOCATION;
const ORIGIN = 'metadata.annotations.backstage.io/managed-by-origin-location';

const catalog = new CatalogClient({
  discoveryApi: { getBaseUrl: async () => process.env.CATALOG_BASE_URL + '/api/catalog' },
  fetchApi: {
    fetch: (url, init) =>
      fetch(url, { ...init, headers: { ...(init?.headers || {}), Authorization: 'Bearer ' + process.env.CATALOG_TOKEN } }),
  },
});

/** A filter set limited to the example catalog. */
const example = (filter = {}) => ({ ...filter, [ORIGIN]: EXAMPLE_LOCATION });
const fixture = relativePath => path.join(WORKSPACE, relativePath);
const names = entities => entities.map(e => e.metadata.name);
const relations = entity => (entity.relations ?? []).map(r => `${r.type}:${r.targetRef}`);

/** Retries an assertion until it holds: Backstage processes registrations and refreshes asynchronously. */
async function eventually(check, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}

/** The client's errors are ResponseErrors carrying the HTTP status and Backstage's error body. */
async function rejectsWith(promise, status, errorName) {
  await assert.rejects(promise, error => {
    assert.equal(error.name, 'ResponseError', `expected a ResponseError, got ${error}`);
    assert.equal(error.response?.status ?? error.statusCode, status, error.message);
    if (errorName) {
      assert.equal(error.body?.error?.name, errorName, error.message);
    }
    return true;
  });
}

const USERS = [
  'aisha.bello', 'arjun.mehta', 'carmen.diaz', 'diego.moreno', 'elena.popescu', 'fatima.haddad', 'george.nolan',
  'hannah.kim', 'ingrid.larsen', 'jonah.weiss', 'kwame.mensah', 'lukas.meyer', 'margaret.chen', 'mei.tanaka',
  'olaf.berg', 'priya.natarajan', 'rafael.costa', 'samuel.owusu', 'sofia.rossi', 'tomas.rivera',
];
const COMPONENTS = [
  'customer-portal-web', 'design-system', 'driver-app-backend', 'edi-gateway', 'fleet-telematics-service',
  'identity-service', 'inventory-service', 'invoicing-service', 'legacy-dispatch-console', 'order-service',
  'order-validation-worker', 'payment-adapter', 'pick-pack-service', 'portal-bff', 'route-planner', 'shared-auth-lib',
  'shipment-analytics-pipeline', 'shipment-tracking-service', 'warehouse-scanner-app',
];
const BY_NAME = { field: 'metadata.name', order: 'asc' };

describe('getEntities', () => {
  test('filters, picks fields and orders', async () => {
    const { items } = await catalog.getEntities({
      filter: example({ kind: 'component', 'spec.type': 'website' }),
      fields: ['metadata.name', 'spec.owner'],
      order: { field: 'metadata.name', order: 'desc' },
    });
    assert.deepEqual(names(items), ['warehouse-scanner-app', 'legacy-dispatch-console', 'customer-portal-web']);
    assert.deepEqual(items[1], { metadata: { name: 'legacy-dispatch-console' }, spec: { owner: 'group:routing-team' } });
  });

  test('OR-s filter sets, matches any of several values, existence and relations', async () => {
    const { items: domainsAndOrderSystems } = await catalog.getEntities({
      filter: [example({ kind: 'domain' }), example({ kind: 'system', 'spec.owner': ['group:orders-team', 'group:billing-team'] })],
      order: [{ field: 'kind', order: 'asc' }, BY_NAME],
    });
    assert.deepEqual(domainsAndOrderSystems.map(e => stringifyEntityRef(e)), [
      'domain:default/customer-commerce', 'domain:default/fulfillment', 'domain:default/shared-platform',
      'system:default/billing-payments', 'system:default/order-management',
    ]);

    const { items: subcomponents } = await catalog.getEntities({
      filter: example({ kind: 'component', 'spec.subcomponentOf': CATALOG_FILTER_EXISTS }),
    });
    assert.deepEqual(names(subcomponents).sort(), ['order-validation-worker', 'payment-adapter']);

    const { items: ownedByOrders } = await catalog.getEntities({
      filter: example({ 'relations.ownedBy': 'group:default/orders-team' }),
      fields: ['kind', 'metadata.name'],
    });
    // sorted here: how the database collates '-' against letters is not what this asserts
    assert.deepEqual(names(ownedByOrders).sort(), [
      'edi-gateway', 'order-events-api', 'order-events-topic', 'order-management', 'order-service',
      'order-validation-worker', 'orders-api', 'orders-db',
    ]);
  });

  test('pages with limit and offset, and with the after cursor of the Link header', async () => {
    const request = { filter: example({ kind: 'user' }), fields: ['metadata.name'], order: BY_NAME };
    const { items: all } = await catalog.getEntities(request);
    assert.deepEqual(names(all), USERS);

    const { items: second } = await catalog.getEntities({ ...request, limit: 5, offset: 5 });
    assert.deepEqual(names(second), USERS.slice(5, 10));

    // The client does not expose response headers; the cursor comes from the same request made directly.
    const params = new URLSearchParams([['filter', `kind=user,${ORIGIN}=${EXAMPLE_LOCATION}`], ['order', 'asc:metadata.name'],
      ['fields', 'metadata.name'], ['limit', '5']]);
    const first = await fetch(`${BASE}/entities?${params}`, { headers: { Authorization: 'Bearer ' + process.env.CATALOG_TOKEN } });
    assert.equal(first.status, 200);
    const link = first.headers.get('link');
    assert.match(link ?? '', /rel="next"/, 'a full first page links to the next one');
    const after = new URL(link.slice(link.indexOf('<') + 1, link.indexOf('>')), BASE).searchParams.get('after');
    assert.ok(after, `no after cursor in ${link}`);

    const { items: next } = await catalog.getEntities({ ...request, limit: 5, after });
    assert.deepEqual(names(next), USERS.slice(5, 10));
  });
});

describe('queryEntities', () => {
  test('walks all pages forward with nextCursor and back with prevCursor', async () => {
    const pages = [];
    let response = await catalog.queryEntities({
      filter: example({ kind: 'user' }), orderFields: BY_NAME, fields: ['metadata.name'], limit: 6,
    });
    pages.push(response);
    assert.equal(response.pageInfo.prevCursor, undefined, 'the first page has nothing before it');
    while (response.pageInfo.nextCursor) {
      assert.ok(pages.length < 10, 'paging does not end');
      response = await catalog.queryEntities({ cursor: response.pageInfo.nextCursor, limit: 6, fields: ['metadata.name'] });
      pages.push(response);
    }
    assert.deepEqual(pages.map(p => p.items.length), [6, 6, 6, 2]);
    assert.deepEqual(pages.flatMap(p => names(p.items)), USERS);
    for (const page of pages) {
      assert.equal(page.totalItems, 20);
      assert.deepEqual(Object.keys(page.items[0]), ['metadata']);
    }

    const last = pages[3];
    assert.ok(last.pageInfo.prevCursor, 'the last page links back');
    const back = await catalog.queryEntities({ cursor: last.pageInfo.prevCursor, limit: 6, fields: ['metadata.name'] });
    assert.deepEqual(names(back.items), USERS.slice(12, 18));
    assert.equal(back.totalItems, 20);
    assert.ok(back.pageInfo.nextCursor && back.pageInfo.prevCursor, 'a middle page links both ways');
    const forwardAgain = await catalog.queryEntities({ cursor: back.pageInfo.nextCursor, limit: 6, fields: ['metadata.name'] });
    assert.deepEqual(names(forwardAgain.items), USERS.slice(18));
    const backToStart = await catalog.queryEntities({ cursor: pages[1].pageInfo.prevCursor, limit: 6 });
    assert.deepEqual(names(backToStart.items), USERS.slice(0, 6));
    assert.equal(backToStart.pageInfo.prevCursor, undefined, 'going back to the first page ends there');
  });

  test('totalItems: exclude skips the count on every page', async () => {
    const first = await catalog.queryEntities({ filter: example({ kind: 'user' }), orderFields: BY_NAME, limit: 6, totalItems: 'exclude' });
    assert.deepEqual(names(first.items), USERS.slice(0, 6));
    assert.equal(first.totalItems, 0);
    const second = await catalog.queryEntities({ cursor: first.pageInfo.nextCursor, limit: 6 });
    assert.deepEqual(names(second.items), USERS.slice(6, 12));
    assert.equal(second.totalItems, 0);
  });

  test('orders descending and starts at an offset', async () => {
    const response = await catalog.queryEntities({
      filter: example({ kind: 'component' }), orderFields: { field: 'metadata.name', order: 'desc' }, limit: 4, offset: 2,
    });
    assert.deepEqual(names(response.items), [...COMPONENTS].reverse().slice(2, 6));
    assert.equal(response.totalItems, 19);
    assert.ok(response.pageInfo.nextCursor);
  });

  test('full-text filter on named fields and on the order field', async () => {
    const byName = await catalog.queryEntities({
      filter: example({ kind: 'component' }), orderFields: BY_NAME, fullTextFilter: { term: 'ORDER', fields: ['metadata.name'] },
    });
    assert.deepEqual(names(byName.items), ['order-service', 'order-validation-worker']);
    assert.equal(byName.totalItems, 2);

    const byTitle = await catalog.queryEntities({
      filter: example(), orderFields: { field: 'metadata.title', order: 'asc' }, fullTextFilter: { term: 'gateway' },
    });
    assert.deepEqual(names(byTitle.items), ['edi-gateway']);

    const byDescription = await catalog.queryEntities({
      filter: example({ kind: 'api' }), orderFields: BY_NAME,
      fullTextFilter: { term: 'events', fields: ['metadata.description', 'metadata.title'] },
    });
    assert.deepEqual(names(byDescription.items), ['order-events-api', 'tracking-events-api']);
  });

  test('predicate query (POST /entities/by-query) through all pages', async () => {
    const request = {
      query: {
        $all: [
          { kind: 'component' },
          { 'spec.type': { $in: ['website', 'library'] } },
          { [ORIGIN]: EXAMPLE_LOCATION },
        ],
      },
      orderFields: BY_NAME,
      fields: ['metadata.name', 'spec.type'],
      limit: 2,
    };
    const expected = ['customer-portal-web', 'design-system', 'legacy-dispatch-console', 'shared-auth-lib', 'warehouse-scanner-app'];
    const seen = [];
    let response = await catalog.queryEntities(request);
    for (;;) {
      assert.equal(response.totalItems, 5);
      seen.push(...names(response.items));
      if (!response.pageInfo.nextCursor) break;
      assert.ok(seen.length < 10, 'paging does not end');
      response = await catalog.queryEntities({ cursor: response.pageInfo.nextCursor, limit: 2, fields: ['metadata.name'] });
    }
    assert.deepEqual(seen, expected);

    const back = await catalog.queryEntities({ cursor: response.pageInfo.prevCursor, limit: 2 });
    assert.deepEqual(names(back.items), expected.slice(2, 4));

    const notJava = await catalog.queryEntities({
      query: { $all: [example({ kind: 'component' }), { $not: { 'metadata.tags': 'java' } }, { 'metadata.name': { $hasPrefix: 'order' } }] },
    });
    assert.deepEqual(notJava.items, [], 'both order components are tagged java');
    const prefixed = await catalog.queryEntities({
      query: { $all: [example({ kind: 'component' }), { 'metadata.name': { $hasPrefix: 'ship' } }] }, orderFields: BY_NAME,
    });
    assert.deepEqual(names(prefixed.items), ['shipment-analytics-pipeline', 'shipment-tracking-service']);
  });

  test('filter and query together are AND-ed', async () => {
    const response = await catalog.queryEntities({
      filter: example({ kind: 'component' }), query: { 'spec.lifecycle': 'experimental' }, orderFields: BY_NAME,
    });
    assert.deepEqual(names(response.items), ['payment-adapter', 'shipment-analytics-pipeline', 'warehouse-scanner-app']);
    assert.equal(response.totalItems, 3);
  });
});

describe('streamEntities', () => {
  test('yields every page until the end', async () => {
    const pages = [];
    for await (const page of catalog.streamEntities({ filter: example({ kind: 'component' }), orderFields: BY_NAME, pageSize: 7 })) {
      pages.push(page);
    }
    assert.deepEqual(pages.map(p => p.length), [7, 7, 5]);
    assert.deepEqual(pages.flat().map(e => e.metadata.name), COMPONENTS);
  });

  test('streams a predicate query', async () => {
    const seen = [];
    for await (const page of catalog.streamEntities({ query: example({ kind: 'api', 'spec.type': 'grpc' }), orderFields: BY_NAME, pageSize: 1 })) {
      assert.equal(page.length, 1);
      seen.push(...names(page));
    }
    assert.deepEqual(seen, ['driver-api', 'identity-api']);
  });
});

describe('entities by ref', () => {
  test('getEntitiesByRefs keeps order, answers undefined for missing refs and selects fields', async () => {
    const { items } = await catalog.getEntitiesByRefs({
      entityRefs: ['system:default/order-management', 'component:default/no-such-e2e-component', 'component:default/order-service', 'group:default/orders-team'],
      fields: ['kind', 'metadata.name', 'spec.owner'],
    });
    assert.equal(items.length, 4);
    assert.deepEqual(items[0], { kind: 'System', metadata: { name: 'order-management' }, spec: { owner: 'group:orders-team' } });
    assert.equal(items[1], undefined);
    assert.deepEqual(items[2], { kind: 'Component', metadata: { name: 'order-service' }, spec: { owner: 'group:orders-team' } });
    assert.deepEqual(items[3], { kind: 'Group', metadata: { name: 'orders-team' } });
  });

  test('getEntitiesByRefs with a filter leaves out what does not match', async () => {
    const { items } = await catalog.getEntitiesByRefs({
      entityRefs: ['component:default/order-service', 'group:default/orders-team', 'component:default/design-system'],
      filter: { kind: 'component', 'spec.type': 'service' },
    });
    assert.deepEqual(items.map(e => e?.metadata.name), ['order-service', undefined, undefined]);
  });

  test('getEntitiesByRefs with a predicate query leaves out what does not match', async () => {
    const { items } = await catalog.getEntitiesByRefs({
      entityRefs: ['component:default/order-service', 'component:default/design-system', 'api:default/orders-api'],
      query: { 'spec.type': { $in: ['library', 'openapi'] } },
      fields: ['metadata.name'],
    });
    assert.deepEqual(items, [undefined, { metadata: { name: 'design-system' } }, { metadata: { name: 'orders-api' } }]);
  });

  test('getEntityByRef finds by string and compound ref, undefined when absent', async () => {
    const service = await catalog.getEntityByRef('component:default/order-service');
    assert.equal(service.spec.owner, 'group:orders-team');
    assert.equal(service.spec.lifecycle, 'production');
    assert.equal(service.metadata.annotations['backstage.io/managed-by-origin-location'], EXAMPLE_LOCATION);
    assert.match(service.metadata.uid, /^[0-9a-f-]{36}$/);
    assert.ok(service.metadata.etag);
    for (const relation of ['ownedBy:group:default/orders-team', 'partOf:system:default/order-management',
      'providesApi:api:default/orders-api', 'consumesApi:api:default/inventory-api', 'dependsOn:resource:default/orders-db',
      'hasPart:component:default/order-validation-worker']) {
      assert.ok(relations(service).includes(relation), `${relation} missing from ${relations(service)}`);
    }

    const api = await catalog.getEntityByRef({ kind: 'API', namespace: 'default', name: 'orders-api' });
    assert.equal(api.spec.type, 'openapi');
    assert.match(api.spec.definition, /openapi:/, 'the $text placeholder is resolved');

    assert.equal(await catalog.getEntityByRef('component:default/no-such-e2e-component'), undefined);
    assert.equal(await catalog.getEntityByRef({ kind: 'group', namespace: 'elsewhere', name: 'orders-team' }), undefined);
  });

  test('getEntityByName (deprecated) still finds by compound name', async () => {
    const group = await catalog.getEntityByName({ kind: 'Group', namespace: 'default', name: 'orders-team' });
    assert.equal(group.spec.type, 'team');
    assert.ok(relations(group).includes('ownerOf:component:default/order-service'));
    assert.equal(await catalog.getEntityByName({ kind: 'Group', namespace: 'default', name: 'no-such-e2e-team' }), undefined);
  });

  test('getEntityAncestors walks up to the registered location', async () => {
    const { items: [generated] } = await catalog.getEntities({ filter: { kind: 'location', 'spec.target': EXAMPLE_LOCATION.slice('file:'.length) } });
    assert.ok(generated, 'the example location has a generated Location entity');
    const generatedRef = stringifyEntityRef(generated);
    assert.match(generatedRef, /^location:default\/generated-[0-9a-f]{40}$/);

    const ancestry = await catalog.getEntityAncestors({ entityRef: 'api:default/orders-api' });
    assert.equal(ancestry.rootEntityRef, 'api:default/orders-api', 'as Backstage: the root is the entity asked about');
    assert.equal(stringifyEntityRef(ancestry.items[0].entity), ancestry.rootEntityRef);
    const chain = Object.fromEntries(ancestry.items.map(i => [stringifyEntityRef(i.entity), i.parentEntityRefs]));
    assert.deepEqual(chain, {
      'api:default/orders-api': ['location:default/order-management-apis'],
      'location:default/order-management-apis': ['location:default/northwind-root'],
      'location:default/northwind-root': [generatedRef],
      [generatedRef]: [],
    });
    assert.equal(ancestry.items.find(i => i.entity.metadata.name === 'orders-api').entity.spec.owner, 'group:orders-team');

    await rejectsWith(catalog.getEntityAncestors({ entityRef: 'component:default/no-such-e2e-component' }), 404, 'NotFoundError');
  });
});

describe('getEntityFacets', () => {
  const asMap = facet => Object.fromEntries(facet.map(f => [f.value, f.count]));

  test('counts values of several facets under a filter', async () => {
    const { facets } = await catalog.getEntityFacets({
      filter: example({ kind: 'component' }), facets: ['spec.type', 'spec.lifecycle', 'metadata.tags'],
    });
    assert.deepEqual(asMap(facets['spec.type']), { service: 14, website: 3, library: 2 });
    assert.deepEqual(asMap(facets['spec.lifecycle']), { production: 15, experimental: 3, deprecated: 1 });
    assert.deepEqual(facets['spec.lifecycle'].map(f => f.value), ['deprecated', 'experimental', 'production'], 'ordered by value');
    assert.equal(asMap(facets['metadata.tags']).java, 7);
    assert.equal(asMap(facets['metadata.tags']).typescript, 4);
  });

  test('counts kinds of the whole example catalog, values as written', async () => {
    const { facets } = await catalog.getEntityFacets({ filter: example(), facets: ['kind'] });
    assert.deepEqual(asMap(facets.kind), { User: 20, Component: 19, Group: 12, API: 9, Resource: 7, System: 6, Location: 4, Domain: 3 });
  });

  test('counts under a predicate query (POST /entity-facets)', async () => {
    const { facets } = await catalog.getEntityFacets({
      query: { $all: [{ kind: 'api' }, { [ORIGIN]: EXAMPLE_LOCATION }] }, facets: ['spec.type', 'spec.owner'],
    });
    assert.deepEqual(asMap(facets['spec.type']), { openapi: 5, asyncapi: 2, grpc: 2 });
    assert.equal(asMap(facets['spec.owner'])['group:fleet-team'], 2);
  });
});

describe('validateEntity', () => {
  const component = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'e2e-validated' },
    spec: { type: 'service', lifecycle: 'production', owner: 'group:orders-team' },
  };
  const location = 'url:https://github.com/northwind/e2e/blob/main/catalog-info.yaml';

  test('accepts a valid entity', async () => {
    assert.deepEqual(await catalog.validateEntity(component, location), { valid: true });
  });

  test('tells what is wrong with an invalid entity', async () => {
    const withoutOwner = await catalog.validateEntity({ ...component, spec: { type: 'service', lifecycle: 'production' } }, location);
    assert.equal(withoutOwner.valid, false);
    assert.ok(withoutOwner.errors.length >= 1);
    assert.ok(withoutOwner.errors.every(e => e.name && e.message), JSON.stringify(withoutOwner.errors));
    assert.match(withoutOwner.errors.map(e => e.message).join('\n'), /owner/);

    const badName = await catalog.validateEntity({ ...component, metadata: { name: 'Not A Valid Name!' } }, location);
    assert.equal(badName.valid, false);
    assert.match(badName.errors.map(e => e.message).join('\n'), /name/);
  });
});

describe('locations', () => {
  test('addLocation with dryRun shows the entities and stores nothing', async () => {
    const target = fixture('dry-run/catalog-info.yaml');
    const result = await catalog.addLocation({ type: 'file', target, dryRun: true });
    assert.equal(result.exists, false);
    assert.equal(result.location.type, 'file');
    assert.equal(result.location.target, target);
    assert.deepEqual(names(result.entities).filter(n => n.startsWith('e2e-')).sort(), ['e2e-dry-service', 'e2e-dry-team']);
    assert.ok(names(result.entities).some(n => /^generated-[0-9a-f]{40}$/.test(n)), 'the generated Location entity is shown');

    assert.equal(await catalog.getEntityByRef('component:default/e2e-dry-service'), undefined);
    assert.equal(await catalog.getLocationByRef(`file:${target}`), undefined);
  });

  test('addLocation, then find it by id, ref and entity; ancestry; remove it', async () => {
    const target = fixture('register/catalog-info.yaml');
    const added = await catalog.addLocation({ type: 'file', target });
    assert.equal(added.location.type, 'file');
    assert.equal(added.location.target, target);
    const id = added.location.id;
    assert.match(id, /^[0-9a-f-]{36}$/);

    await eventually(async () => {
      const nested = await catalog.getEntityByRef('component:default/e2e-register-nested');
      assert.ok(nested, 'the nested location was read');
    });
    const service = await catalog.getEntityByRef('component:default/e2e-register-service');
    assert.equal(service.spec.owner, 'e2e-register-team');
    assert.ok(relations(service).includes('ownedBy:group:default/e2e-register-team'));

    const { items } = await catalog.getLocations();
    assert.deepEqual(items.filter(l => l.id === id).map(l => ({ id: l.id, type: l.type, target: l.target })), [{ id, type: 'file', target }]);
    assert.ok(!items.some(l => l.target === fixture('register/more.yaml')), 'nested locations are not registered locations');

    const byId = await catalog.getLocationById(id);
    assert.deepEqual({ id: byId.id, type: byId.type, target: byId.target }, { id, type: 'file', target });
    assert.equal(await catalog.getLocationById('00000000-0000-4000-8000-000000000000'), undefined);

    assert.equal((await catalog.getLocationByRef(`file:${target}`))?.id, id);
    assert.equal((await catalog.getLocationByEntity('component:default/e2e-register-service'))?.id, id);
    assert.equal((await catalog.getLocationByEntity({ kind: 'component', namespace: 'default', name: 'e2e-register-nested' }))?.id, id);
    assert.equal(await catalog.getLocationByEntity('component:default/no-such-e2e-component'), undefined);

    const ancestry = await catalog.getEntityAncestors({ entityRef: 'component:default/e2e-register-nested' });
    assert.equal(ancestry.rootEntityRef, 'component:default/e2e-register-nested');
    assert.deepEqual(ancestry.items[0].parentEntityRefs, ['location:default/e2e-register-root']);
    const top = ancestry.items.find(i => i.parentEntityRefs.length === 0);
    assert.equal(top.entity.kind, 'Location');
    assert.equal(top.entity.spec.target, target);
    assert.equal(ancestry.items.length, 3);

    await catalog.removeLocationById(id);
    assert.equal(await catalog.getLocationById(id), undefined);
    assert.equal(await catalog.getLocationByRef(`file:${target}`), undefined);
    assert.equal(await catalog.getEntityByRef(stringifyEntityRef(top.entity)), undefined, 'the generated Location entity goes with it');
    await eventually(async () => {
      const orphan = await catalog.getEntityByRef('component:default/e2e-register-service');
      assert.equal(orphan?.metadata.annotations['backstage.io/orphan'], 'true');
    });
    await rejectsWith(catalog.removeLocationById(id), 404, 'NotFoundError');
  });

  test('locations carry the ref of their generated Location entity', async () => {
    const target = fixture('entity-ref/catalog-info.yaml');
    const { location } = await catalog.addLocation({ type: 'file', target });
    const byId = await catalog.getLocationById(location.id);
    assert.match(byId.entityRef ?? '', /^location:default\/generated-[0-9a-f]{40}$/, `GET /locations/${location.id} answered ${JSON.stringify(byId)}`);
    const generated = await catalog.getEntityByRef(byId.entityRef);
    assert.equal(generated.spec.target, target);
    const listed = (await catalog.getLocations()).items.find(l => l.id === location.id);
    assert.equal(listed.entityRef, byId.entityRef);
  });

  test('registering a location twice is a conflict', async () => {
    const target = fixture('conflict/catalog-info.yaml');
    await catalog.addLocation({ type: 'file', target });
    await rejectsWith(catalog.addLocation({ type: 'file', target }), 409, 'ConflictError');
    await rejectsWith(catalog.addLocation({ type: 'file', target, onConflict: 'reject' }), 409, 'ConflictError');
  });

  test('addLocation with onConflict refresh re-reads an existing location', async () => {
    const target = fixture('on-conflict/catalog-info.yaml');
    const first = await catalog.addLocation({ type: 'file', target });
    await eventually(async () => assert.equal((await catalog.getEntityByRef('component:default/e2e-on-conflict'))?.spec.owner, 'e2e-before'));
    await writeFile(target, component('e2e-on-conflict', 'e2e-after'));

    const again = await catalog.addLocation({ type: 'file', target, onConflict: 'refresh' });
    assert.equal(again.location.id, first.location.id);
    await eventually(async () => assert.equal((await catalog.getEntityByRef('component:default/e2e-on-conflict'))?.spec.owner, 'e2e-after'));
  });

  test('updateLocation changes the target and keeps id and entity ref', async () => {
    const { location } = await catalog.addLocation({ type: 'file', target: fixture('update/first.yaml') });
    await eventually(async () => assert.ok(await catalog.getEntityByRef('component:default/e2e-update-first')));

    const updated = await catalog.updateLocation(location.id, { type: 'file', target: fixture('update/second.yaml') });
    assert.equal(updated.id, location.id);
    assert.equal(updated.target, fixture('update/second.yaml'));
    assert.equal((await catalog.getLocationById(location.id)).target, fixture('update/second.yaml'));
    await eventually(async () => assert.ok(await catalog.getEntityByRef('component:default/e2e-update-second')));
  });

  /** Registers the three fixture files of a folder; returns their targets (sorted) and ids. */
  async function registerThree(folder) {
    const targets = ['a', 'b', 'c'].map(n => fixture(`${folder}/${n}.yaml`));
    const ids = [];
    for (const target of targets) {
      ids.push((await catalog.addLocation({ type: 'file', target })).location.id);
    }
    return { targets, ids, query: { type: 'file', target: { $hasPrefix: fixture(`${folder}/`) } } };
  }

  test('queryLocations filters with a predicate and pages with cursors that keep the query', async () => {
    const { targets, ids, query } = await registerThree('query-locations');

    const byId = await catalog.queryLocations({ query: { id: ids[1] } });
    assert.deepEqual(byId.items.map(l => l.target), [targets[1]]);
    assert.equal(byId.totalItems, 1);
    const none = await catalog.queryLocations({ query: { $all: [query, { type: 'url' }] } });
    assert.deepEqual([none.items, none.totalItems], [[], 0]);

    const first = await catalog.queryLocations({ query, limit: 2 });
    assert.equal(first.totalItems, 3);
    assert.equal(first.items.length, 2);
    assert.ok(first.pageInfo.nextCursor);
    // The client sends nothing but the cursor: the query and the page size must come back from it.
    const second = await catalog.queryLocations({ cursor: first.pageInfo.nextCursor });
    assert.deepEqual(second.items.map(l => l.target).filter(t => !t.startsWith(fixture('query-locations/'))), [],
      'the second page holds only locations matching the query');
    assert.equal(second.items.length, 1);
    assert.equal(second.pageInfo.nextCursor, undefined);
    const seen = [...first.items, ...second.items];
    assert.deepEqual(seen.map(l => l.target).sort(), targets);
    assert.deepEqual(seen.map(l => l.id).sort(), [...ids].sort());
  });

  test('streamLocations yields every page of a query', async () => {
    const { targets, query } = await registerThree('stream-locations');
    const pages = [];
    for await (const page of catalog.streamLocations({ query, limit: 2 })) {
      pages.push(page);
    }
    assert.deepEqual(pages.flat().map(l => l.target).sort(), targets);
    assert.deepEqual(pages.map(p => p.length), [2, 1]);

    const single = [];
    for await (const page of catalog.streamLocations({ query })) {
      single.push(page.map(l => l.target).sort());
    }
    assert.deepEqual(single, [targets], 'the default page size holds all three');
  });

  test('analyzeLocation reads an existing descriptor and tells whether it is registered', async () => {
    const target = fixture('analyze/catalog-info.yaml');
    const before = await catalog.analyzeLocation({ location: { type: 'file', target } });
    assert.deepEqual(before.generateEntities, []);
    assert.equal(before.existingEntityFiles.length, 1);
    const [file] = before.existingEntityFiles;
    assert.equal(file.entity.metadata.name, 'e2e-analyzed');
    assert.equal(file.isRegistered, false);
    assert.deepEqual(file.location, { type: 'file', target });

    await catalog.addLocation({ type: 'file', target });
    const after = await catalog.analyzeLocation({ location: { type: 'file', target } });
    assert.equal(after.existingEntityFiles[0].isRegistered, true);
  });

  test('analyzeLocation of a folder without a descriptor suggests an entity to create', async () => {
    const result = await catalog.analyzeLocation({ location: { type: 'file', target: fixture('analyze-empty') } });
    assert.deepEqual(result.existingEntityFiles, []);
    assert.equal(result.generateEntities.length, 1);
    assert.equal(result.generateEntities[0].entity.kind, 'Component');
    assert.ok(result.generateEntities[0].fields.some(f => f.field === 'spec.owner' && f.state === 'needsUserInput'));
  });

  test('analyzeLocation looks for the catalogFilename it is given', async () => {
    const result = await catalog.analyzeLocation({ location: { type: 'file', target: fixture('analyze-custom') }, catalogFilename: 'service-info.yaml' });
    assert.deepEqual(result.generateEntities, [], `expected service-info.yaml to be found, got ${JSON.stringify(result)}`);
    assert.deepEqual(result.existingEntityFiles.map(f => f.entity.metadata.name), ['e2e-analyzed-custom']);
    assert.equal(result.existingEntityFiles[0].location.target, fixture('analyze-custom/service-info.yaml'));
  });
});

describe('writes to entities', () => {
  test('refreshEntity re-reads the descriptor of an entity', async () => {
    const target = fixture('refresh/catalog-info.yaml');
    await catalog.addLocation({ type: 'file', target });
    const before = await eventually(async () => {
      const entity = await catalog.getEntityByRef('component:default/e2e-refresh-service');
      assert.equal(entity?.spec.owner, 'e2e-team-before');
      return entity;
    });

    await writeFile(target, component('e2e-refresh-service', 'e2e-team-after'));
    await catalog.refreshEntity('component:default/e2e-refresh-service');

    const after = await eventually(async () => {
      const entity = await catalog.getEntityByRef('component:default/e2e-refresh-service');
      assert.equal(entity.spec.owner, 'e2e-team-after');
      return entity;
    });
    assert.equal(after.metadata.uid, before.metadata.uid, 'an update keeps the uid');
    assert.notEqual(after.metadata.etag, before.metadata.etag);
    assert.ok(relations(after).includes('ownedBy:group:default/e2e-team-after'));
    assert.ok(!relations(after).includes('ownedBy:group:default/e2e-team-before'));
  });

  test('removeEntityByUid deletes an orphaned entity', async () => {
    const target = fixture('remove/catalog-info.yaml');
    const { location } = await catalog.addLocation({ type: 'file', target });
    const entity = await eventually(async () => {
      const found = await catalog.getEntityByRef('component:default/e2e-removable');
      assert.ok(found);
      return found;
    });
    await catalog.removeLocationById(location.id);
    await eventually(async () => {
      const orphan = await catalog.getEntityByRef('component:default/e2e-removable');
      assert.equal(orphan.metadata.annotations['backstage.io/orphan'], 'true');
    });

    await catalog.removeEntityByUid(entity.metadata.uid);
    assert.equal(await catalog.getEntityByRef('component:default/e2e-removable'), undefined);
    const { items } = await catalog.getEntitiesByRefs({ entityRefs: ['component:default/e2e-removable', 'component:default/order-service'] });
    assert.deepEqual(items.map(e => e?.metadata.name), [undefined, 'order-service']);
  });
});

function component(name, owner) {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: ${owner}
`;
}
