import { expect, it } from 'vitest';
import { parseKnowledgeGraph } from '../../services/orchestrator/src/knowledge-graph/index.js';
import { describeWithHelm } from './chart-suite.js';
import { HelmError, renderChart } from './helm-cli.js';
import { envOf, named, ofKind, podSpecOf } from './objects.js';

// In the orchestrator's file format (services/orchestrator/src/knowledge-graph).
const knowledgeGraph = {
  components: [
    { name: 'checkout', type: 'service', namespace: 'shop', depends_on: ['payments', 'cart-db'] },
    { name: 'payments', type: 'service', namespace: 'shop' },
    {
      name: 'cart-db',
      type: 'database',
      namespace: 'shop',
      hostnames: ['cart-db.shop.svc.cluster.local'],
      ports: [5432],
    },
  ],
};

describeWithHelm('values schema', (helmBin) => {
  it.each([
    ['rbac.scope is not cluster or namespaced', { rbac: { scope: 'bogus' } }, 'rbac'],
    ['replicas is negative', { orchestrator: { replicas: -1 } }, 'replicas'],
    ['scope is namespaced without namespaces', { rbac: { scope: 'namespaced' } }, 'namespaces'],
    ['a key is misspelt', { k8sAgent: { replica: 2 } }, 'replica'],
    ['the service type is unknown', { k8sAgent: { service: { type: 'Internal', port: 80 } } }, 'type'],
    [
      'the memory limit is not an integer quantity',
      { k8sAgent: { resources: { limits: { memory: '0.5Gi' } } } },
      'memory',
    ],
    ['the log level is unknown', { orchestrator: { logLevel: 'verbose' } }, 'logLevel'],
    ['the test image tag is latest', { tests: { image: { tag: 'latest' } } }, 'tag'],
  ])('when %s, then helm template fails naming the value', (_case, values, field) => {
    const render = () => renderChart(helmBin, { values: [values] });

    expect(render).toThrow(HelmError);
    expect(render).toThrow(new RegExp(`schema[\\s\\S]*${field}`));
  });

  it('when the values are valid but unusual, then helm template succeeds', () => {
    const render = () =>
      renderChart(helmBin, {
        values: [
          {
            orchestrator: { replicas: 0, service: { type: 'LoadBalancer', port: 8080 } },
            k8sAgent: { resources: { requests: { cpu: '0.1', memory: '100M' }, limits: { cpu: 1, memory: '1Gi' } } },
          },
        ],
      });

    expect(render).not.toThrow();
  });
});

describeWithHelm('knowledge graph', (helmBin) => {
  it('when no knowledge graph is given, then there is no ConfigMap, mount or KNOWLEDGE_GRAPH_PATH', () => {
    const objects = renderChart(helmBin);

    const spec = podSpecOf(named(objects, 'Deployment', 'sre-orchestrator-orchestrator'));

    expect(ofKind(objects, 'ConfigMap')).toEqual([]);
    expect(envOf(spec.containers[0] as never)).not.toHaveProperty('KNOWLEDGE_GRAPH_PATH');
    expect(spec.volumes?.map((volume) => volume.name)).toEqual(['tmp']);
  });

  it('when the knowledge graph is given as YAML, then it is rendered to a ConfigMap mounted read-only at the path in env', () => {
    const objects = renderChart(helmBin, { values: [{ orchestrator: { knowledgeGraph } }] });

    const configMaps = ofKind(objects, 'ConfigMap');
    const spec = podSpecOf(named(objects, 'Deployment', 'sre-orchestrator-orchestrator'));
    const container = spec.containers[0];
    const path = envOf(container as never).KNOWLEDGE_GRAPH_PATH ?? '';
    const mount = container?.volumeMounts?.find((m) => path.startsWith(`${m.mountPath}/`));
    const volume = spec.volumes?.find((v) => v.name === mount?.name);

    expect(configMaps).toHaveLength(1);
    const data = configMaps[0]?.data as Record<string, string>;
    const fileName = path.slice((mount?.mountPath.length ?? 0) + 1);
    expect(mount?.readOnly).toBe(true);
    expect(volume?.configMap?.name).toBe(configMaps[0]?.metadata.name);
    expect(Object.keys(data)).toEqual([fileName]);
    // The orchestrator's own loader accepts what the Pod will read.
    expect(parseKnowledgeGraph(data[fileName] ?? '', fileName).components.map((c) => c.name)).toEqual([
      'checkout',
      'payments',
      'cart-db',
    ]);
  });

  it('when the knowledge graph is given as file text, then the ConfigMap holds that text', () => {
    const text = 'components:\n  - name: checkout\n    type: service\n    depends_on: [payments]\n';

    const objects = renderChart(helmBin, { values: [{ orchestrator: { knowledgeGraph: text } }] });

    expect(Object.values(ofKind(objects, 'ConfigMap')[0]?.data as object)).toEqual([text]);
  });

  it('when the knowledge graph changes, then the orchestrator Pod template changes so the Pods roll', () => {
    const annotationFor = (graph: object) =>
      (
        named(
          renderChart(helmBin, { values: [{ orchestrator: { knowledgeGraph: graph } }] }),
          'Deployment',
          'sre-orchestrator-orchestrator',
        ).spec as { template: { metadata: { annotations?: Record<string, string> } } }
      ).template.metadata.annotations?.['checksum/knowledge-graph'];

    const before = annotationFor(knowledgeGraph);
    const after = annotationFor({ components: [] });

    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toBe(before);
  });
});

describeWithHelm('ingress', (helmBin) => {
  it('when the ingress is off (default), then none is rendered', () => {
    expect(ofKind(renderChart(helmBin), 'Ingress')).toEqual([]);
  });

  it('when the ingress is on, then it routes its host to the orchestrator Service', () => {
    const objects = renderChart(helmBin, {
      values: [
        {
          orchestrator: {
            ingress: {
              enabled: true,
              className: 'nginx',
              hosts: [{ host: 'sre.example.org', paths: [{ path: '/', pathType: 'Prefix' }] }],
              tls: [{ hosts: ['sre.example.org'], secretName: 'sre-tls' }],
            },
          },
        },
      ],
    });

    const ingress = ofKind(objects, 'Ingress')[0];

    expect(ingress?.spec).toMatchObject({
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'sre.example.org',
          http: {
            paths: [
              { path: '/', backend: { service: { name: 'sre-orchestrator-orchestrator', port: { name: 'http' } } } },
            ],
          },
        },
      ],
    });
  });
});
