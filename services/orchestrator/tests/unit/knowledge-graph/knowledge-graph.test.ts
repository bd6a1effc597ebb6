import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KnowledgeGraphError, loadKnowledgeGraph, parseKnowledgeGraph } from '../../../src/knowledge-graph/index.js';

const valid = `
components:
  - name: cart
    type: service
    namespace: shop
    labels: { app.kubernetes.io/part-of: shop, tier: cart }
    aliases: [cart-api]
    depends_on: [cart-db, redis]
  - name: cart-db
    type: database
    namespace: shop
    hostnames: [cart-db.shop.svc.cluster.local, 10.96.18.40]
    ports: [5432]
  - name: redis
    type: cache
    namespace: shop
    ports: [6379]
  - name: checkout
    type: service
    namespace: shop
    depends_on: [cart]
`;

const pod = (overrides: Record<string, unknown> = {}) => ({
  name: 'cart-7d9f8c6b5-x2x9k',
  namespace: 'shop',
  labels: {},
  controller: null,
  owner_chain: [],
  ...overrides,
});

describe('parseKnowledgeGraph', () => {
  it.each([
    ['components: [\n  - a', /kg\.yaml: invalid YAML at line 2, column 3/],
    [
      'components:\n  - { name: a, type: service, depends_on: [ghost] }\n',
      /kg\.yaml: component "a" depends_on unknown component "ghost"/,
    ],
    [
      'components:\n  - { name: a, type: service }\n  - { name: a, type: database }\n',
      /kg\.yaml: duplicate component name "a" \(components\[0\] and components\[1\]\)/,
    ],
    ['components:\n  - { name: a }\n', /kg\.yaml: components\[0\] \("a"\): missing required field "type"/],
    [
      'components:\n  - { name: a, type: service, dependsOn: [b] }\n',
      /kg\.yaml: components\[0\] \("a"\): unknown field "dependsOn"/,
    ],
    ['components:\n  - { name: a, type: service, ports: [70000] }\n', /kg\.yaml: components\[0\] \("a"\)\.ports\[0\]/],
    ['', /kg\.yaml: is empty/],
  ])('when the file is %j, then the error names the file and the problem', (text, message) => {
    // Act
    const parse = () => parseKnowledgeGraph(text, 'kg.yaml');

    // Assert
    expect(parse).toThrow(KnowledgeGraphError);
    expect(parse).toThrow(message);
  });

  it('when the file is valid, then dependencies and dependents can be queried', () => {
    // Act
    const graph = parseKnowledgeGraph(valid, 'kg.yaml');

    // Assert
    expect(graph.dependenciesOf('cart').map((c) => c.name)).toEqual(['cart-db', 'redis']);
    expect(graph.dependentsOf('cart').map((c) => c.name)).toEqual(['checkout']);
    expect(graph.transitiveDependenciesOf('checkout').map((c) => c.name)).toEqual(['cart', 'cart-db', 'redis']);
  });
});

describe('KnowledgeGraph.componentForPod', () => {
  const graph = parseKnowledgeGraph(valid, 'kg.yaml');

  it.each([
    [
      'its controller',
      pod({ name: 'x-1', controller: { kind: 'Deployment', name: 'cart-api' } }),
      'cart',
      'controller',
    ],
    [
      'its ReplicaSet owner',
      pod({
        name: 'x-1',
        owner_chain: [
          { kind: 'ReplicaSet', name: 'cart-7d9f8c6b5', api_version: 'apps/v1', uid: null, resolved: true },
        ],
      }),
      'cart',
      'owner',
    ],
    [
      'the component labels',
      pod({ name: 'x-1', labels: { 'app.kubernetes.io/part-of': 'shop', tier: 'cart' } }),
      'cart',
      'labels',
    ],
    ['its app label', pod({ name: 'x-1', labels: { app: 'redis' } }), 'redis', 'app_label'],
    ['its name', pod(), 'cart', 'pod_name'],
  ])('when a pod is matched by %s, then it maps to its component', (_how, input, name, matchedBy) => {
    // Act
    const match = graph.componentForPod(input);

    // Assert
    expect(match).toMatchObject({ component: { name }, matched_by: matchedBy });
  });

  it('when the pod is in another namespace, then a namespaced component does not match', () => {
    // Act
    const match = graph.componentForPod(pod({ namespace: 'staging' }));

    // Assert
    expect(match).toBeNull();
  });
});

describe('KnowledgeGraph.componentForEndpoint', () => {
  const graph = parseKnowledgeGraph(valid, 'kg.yaml');
  const cart = graph.get('cart');

  it.each([
    ['a listed hostname', 'cart-db.shop.svc.cluster.local', 5432, 'cart-db', 'hostname'],
    ['a listed IP', '10.96.18.40', 5432, 'cart-db', 'hostname'],
    ['a service DNS name', 'redis.shop.svc.cluster.local', 6379, 'redis', 'service_dns'],
    ['a short name', 'redis', null, 'redis', 'name'],
    ['an unknown IP on a port only one dependency serves', '10.96.77.1', 6379, 'redis', 'port'],
  ])('when the log names %s, then the component is found', (_how, host, port, name, matchedBy) => {
    // Act
    const match = graph.componentForEndpoint(host, port, cart);

    // Assert
    expect(match).toMatchObject({ component: { name }, matched_by: matchedBy });
  });

  it('when nothing matches, then the answer is null', () => {
    // Act
    const match = graph.componentForEndpoint('10.1.2.3', 9999, cart);

    // Assert
    expect(match).toBeNull();
  });
});

describe('loadKnowledgeGraph', () => {
  it('when the file does not exist, then the error names the path', () => {
    // Act
    const load = () => loadKnowledgeGraph('/nonexistent/kg.yaml');

    // Assert
    expect(load).toThrow(/knowledge graph \/nonexistent\/kg\.yaml: cannot be read \(ENOENT\)/);
  });

  it('when the file is valid, then it loads with its path as source', () => {
    // Arrange
    const path = join(mkdtempSync(join(tmpdir(), 'kg-')), 'graph.yaml');
    writeFileSync(path, valid);

    // Act
    const graph = loadKnowledgeGraph(path);

    // Assert
    expect(graph.source).toBe(path);
    expect(graph.components).toHaveLength(4);
  });

  it('when the example file shipped in config/ is loaded, then it is valid', () => {
    // Act
    const graph = loadKnowledgeGraph(
      fileURLToPath(new URL('../../../../../config/knowledge-graph.example.yaml', import.meta.url)),
    );

    // Assert
    expect(graph.components.length).toBeGreaterThan(0);
  });
});
