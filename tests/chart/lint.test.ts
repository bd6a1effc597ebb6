import { expect, it } from 'vitest';
import { describeWithHelm } from './chart-suite.js';
import { lintChart, type RenderOptions, renderChart } from './helm-cli.js';
import { validateKubernetesObject } from './kubernetes-schemas.js';

// Value sets that between them switch every template branch on.
const valueSets: Record<string, RenderOptions> = {
  defaults: {},
  'namespaced RBAC': {
    namespace: 'sre',
    values: [{ rbac: { scope: 'namespaced', namespaces: ['shop', 'payments'] } }],
  },
  'everything optional on': {
    releaseName: 'triage',
    namespace: 'platform-tools',
    values: [
      {
        imagePullSecrets: [{ name: 'regcred' }],
        orchestrator: {
          replicas: 2,
          knowledgeGraph: { components: [{ name: 'checkout', type: 'service', depends_on: [] }] },
          extraEnv: [
            { name: 'TZ', value: 'UTC' },
            { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
          ],
          ingress: {
            enabled: true,
            className: 'nginx',
            annotations: { 'nginx.ingress.kubernetes.io/auth-url': 'https://auth.example.org/check' },
            hosts: [{ host: 'sre.example.org', paths: [{ path: '/', pathType: 'Prefix' }] }],
            tls: [{ hosts: ['sre.example.org'], secretName: 'sre-tls' }],
          },
          podAnnotations: { 'example.org/team': 'sre' },
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'ops', effect: 'NoSchedule' }],
        },
        k8sAgent: {
          serviceAccount: { create: true, name: 'reader', annotations: { 'example.org/owner': 'sre' } },
          podLabels: { 'example.org/tier': 'ops' },
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [
                  { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] }] },
                ],
              },
            },
          },
        },
        networkPolicy: { enabled: false },
      },
    ],
  },
};

describeWithHelm('helm lint and Kubernetes schemas', (helmBin) => {
  it.each(Object.entries(valueSets))('when linted strictly with %s, then helm lint passes', (_name, options) => {
    const output = lintChart(helmBin, options);

    expect(output).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  it.each(Object.entries(valueSets))(
    'when rendered with %s, then every object is valid against its Kubernetes schema',
    (_name, options) => {
      const objects = renderChart(helmBin, options);

      expect(objects.length).toBeGreaterThan(5);
      for (const object of objects) expect(() => validateKubernetesObject(object)).not.toThrow();
    },
  );

  it('when an object breaks its Kubernetes schema, then validation reports it', () => {
    const [deployment] = renderChart(helmBin).filter((object) => object.kind === 'Deployment');
    const broken = structuredClone(deployment);
    (broken?.spec as { replicas: unknown }).replicas = 'two';

    expect(() => validateKubernetesObject(broken as never)).toThrow(/replicas/);
  });
});
