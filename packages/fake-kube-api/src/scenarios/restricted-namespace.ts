import { buildPod, Clock, NodeName, running } from './builders.js';
import type { Scenario } from './scenario.js';

/**
 * A namespace the agent's service account has no RBAC in: every read there answers 403, as it would for a
 * least-privilege install that was not granted that namespace.
 */
export const restrictedNamespaceScenario: Scenario = {
  id: 'forbidden-namespace',
  namespace: 'restricted',
  pod: 'secrets-sync-7c9d8b6f5-q2w3e',
  expectedCategory: 'unknown',
  summary: 'every read in namespace restricted is forbidden (403) to the agent: nothing can be collected',
  forbiddenNamespace: true,
  build(now) {
    const clock = new Clock(now);
    const { pod, owners } = buildPod(clock, {
      namespace: 'restricted',
      name: 'secrets-sync-7c9d8b6f5-q2w3e',
      app: 'secrets-sync',
      owner: { kind: 'Deployment', name: 'secrets-sync', hash: '7c9d8b6f5' },
      node: NodeName.WorkerA,
      createdAgo: 86_400,
      phase: 'Running',
      containers: [
        {
          name: 'sync',
          image: 'registry.example.com/security/secrets-sync:0.4.1',
          spec: { resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } } },
          state: running(86_390),
          ready: true,
        },
      ],
    });
    return { pod, owners, events: [], logs: {} };
  },
};
