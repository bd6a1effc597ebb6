import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { INode } from 'kubernetes-models/v1/Node';
import type { IPod } from 'kubernetes-models/v1/Pod';
import { buildNodes } from './nodes.js';
import { Clock, stableUid } from './scenarios/builders.js';
import type { ContainerLogs, CoreEvent, OwnerObject, Scenario } from './scenarios/scenario.js';

/** Namespaces every cluster has, besides those the scenarios use. */
const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** A resource the fake serves, as discovery describes it. */
export interface ResourceType {
  group: string;
  version: string;
  /** Plural, lower case: `pods`, `deployments`. */
  resource: string;
  kind: string;
  namespaced: boolean;
}

export const RESOURCE_TYPES: readonly ResourceType[] = [
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true },
  { group: '', version: 'v1', resource: 'events', kind: 'Event', namespaced: true },
  { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false },
  { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false },
  { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true },
  { group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet', namespaced: true },
  { group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet', namespaced: true },
  { group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet', namespaced: true },
  { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', namespaced: true },
  { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob', namespaced: true },
];

/** Everything the fake cluster holds, built once when the server starts. */
export interface Cluster {
  resourceVersion: string;
  pods: IPod[];
  events: CoreEvent[];
  owners: OwnerObject[];
  nodes: INode[];
  namespaces: INamespace[];
  logs: Map<string, Record<string, ContainerLogs>>;
  /** Namespaces in which every read is forbidden regardless of forbid() rules. */
  forbiddenNamespaces: Set<string>;
}

export function buildCluster(scenarios: readonly Scenario[], now: Date): Cluster {
  const clock = new Clock(now);
  const cluster: Cluster = {
    resourceVersion: '912845',
    pods: [],
    events: [],
    owners: [],
    nodes: buildNodes(clock),
    namespaces: [],
    logs: new Map(),
    forbiddenNamespaces: new Set(),
  };
  const namespaceNames = new Set(SYSTEM_NAMESPACES);
  for (const scenario of scenarios) {
    const fixture = scenario.build(now);
    namespaceNames.add(scenario.namespace);
    if (scenario.forbiddenNamespace) cluster.forbiddenNamespaces.add(scenario.namespace);
    cluster.pods.push(fixture.pod);
    cluster.events.push(...fixture.events);
    for (const owner of fixture.owners) {
      const duplicate = cluster.owners.some(
        (o) =>
          o.kind === owner.kind &&
          o.metadata?.namespace === owner.metadata?.namespace &&
          o.metadata?.name === owner.metadata?.name,
      );
      if (!duplicate) cluster.owners.push(owner);
    }
    cluster.logs.set(`${scenario.namespace}/${scenario.pod}`, fixture.logs);
  }
  cluster.namespaces = [...namespaceNames].sort().map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      uid: stableUid(`namespace/${name}`),
      resourceVersion: '42',
      creationTimestamp: clock.ago(86_400 * 40),
      labels: { 'kubernetes.io/metadata.name': name },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }));
  return cluster;
}
