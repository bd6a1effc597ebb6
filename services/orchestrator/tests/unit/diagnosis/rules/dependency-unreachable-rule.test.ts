import { describe, expect, it } from 'vitest';
import { dependencyUnreachableRule } from '../../../../src/diagnosis/rules/dependency-unreachable-rule.js';
import { parseKnowledgeGraph } from '../../../../src/knowledge-graph/index.js';
import { contextFor, crashLooping, podWith } from '../context-for.js';

const graph = parseKnowledgeGraph(
  `components:
  - { name: web, type: service, namespace: shop, depends_on: [web-db, cache] }
  - { name: web-db, type: database, namespace: shop, hostnames: [web-db.shop.svc.cluster.local], ports: [5432] }
  - { name: cache, type: cache, namespace: shop, ports: [6379] }
`,
  'test-graph',
);

describe('dependencyUnreachableRule', () => {
  it.each([
    {
      name: 'when the crashed instance ends on a refused database connection, then the knowledge-graph component is named',
      container: crashLooping,
      logs: {
        app: {
          previous: [
            'starting',
            'Error: connect ECONNREFUSED web-db.shop.svc.cluster.local:5432',
            '    at TCPConnectWrap.afterConnect (node:net:1607:16)',
          ],
        },
      },
      withGraph: true,
      expected: [
        {
          category: 'dependency_unreachable',
          sub_cause: 'connection_refused',
          container: 'app',
          primary: true,
          confidence: 'medium',
          dependency: {
            host: 'web-db.shop.svc.cluster.local',
            port: 5432,
            component: 'web-db',
            matched_by: 'hostname',
          },
        },
      ],
      summary:
        /cannot reach web-db\.shop\.svc\.cluster\.local:5432 \(knowledge graph: component web-db, database\): connection refused/,
    },
    {
      name: 'when only an IP and port are logged, then the port maps to the one dependency serving it',
      container: crashLooping,
      logs: { app: { previous: ['level=fatal msg="redis" error="dial tcp 10.96.4.4:6379: i/o timeout"'] } },
      withGraph: true,
      expected: [{ sub_cause: 'timeout', dependency: { component: 'cache', matched_by: 'port' } }],
      summary: /10\.96\.4\.4:6379 \(knowledge graph: component cache, cache\)/,
    },
    {
      name: 'when the last refusal names only the ClusterIP, then the Service name logged for that port is used',
      container: crashLooping,
      logs: {
        app: {
          previous: [
            'could not connect to postgres at web-db.shop.svc.cluster.local:5432: connection refused',
            'Error: connect ECONNREFUSED 10.96.45.12:5432',
            '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1615:16) {',
          ],
        },
      },
      withGraph: true,
      expected: [{ dependency: { host: 'web-db.shop.svc.cluster.local', port: 5432, component: 'web-db' } }],
      summary: /cannot reach web-db\.shop\.svc\.cluster\.local:5432/,
    },
    {
      name: 'when there is no knowledge graph, then the dependency is still named from the log line',
      container: crashLooping,
      logs: { app: { previous: ['Error: getaddrinfo ENOTFOUND payments-api'] } },
      withGraph: false,
      expected: [{ sub_cause: 'dns_failure', dependency: { host: 'payments-api', component: null } }],
      summary: /cannot reach payments-api: its name does not resolve/,
    },
    {
      name: 'when an unrelated exception follows a retried connection error, then the finding is not primary',
      container: crashLooping,
      logs: {
        app: {
          previous: [
            'WARN dial tcp 10.96.4.4:6379: connect: connection refused, retrying',
            'INFO connected',
            'Exception in thread "main" java.lang.IllegalStateException: duplicate key',
          ],
        },
      },
      withGraph: false,
      expected: [{ primary: false, confidence: 'low' }],
      summary: /other errors followed/,
    },
    {
      name: 'when the container is running and ready, then a logged refusal is only a finding',
      container: { name: 'app', ready: true },
      logs: { app: { current: ['ERROR dial tcp 10.96.4.4:6379: connect: connection refused'] } },
      withGraph: false,
      expected: [{ primary: false }],
      summary: /it is running and ready/,
    },
    {
      name: 'when a ready container keeps failing to reach a dependency up to its last lines, then it is the cause',
      container: { name: 'app', ready: true },
      logs: {
        app: {
          current: [
            'INFO GET / 200',
            'ERROR dial tcp 10.96.4.4:6379: connect: connection refused',
            'ERROR dial tcp 10.96.4.4:6379: connect: connection refused',
            'ERROR dial tcp 10.96.4.4:6379: connect: connection refused',
          ],
        },
      },
      withGraph: true,
      expected: [{ primary: true, dependency: { component: 'cache' } }],
      summary: /is running but keeps failing to reach 10\.96\.4\.4:6379/,
    },
  ])('$name', ({ container, logs, withGraph, expected, summary }) => {
    // Arrange
    const context = contextFor(
      { pod_details: podWith([container], { labels: { app: 'web' } }), pod_logs: logs },
      { graph: withGraph ? graph : null },
    );

    // Act
    const candidates = dependencyUnreachableRule.analyze(context);

    // Assert
    expect(candidates).toMatchObject(expected);
    if (summary) expect(candidates[0]?.summary).toMatch(summary);
  });
});
