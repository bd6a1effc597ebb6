import type { PodDetails } from '@sre-orchestrator/contracts';
import type { Component } from './knowledge-graph-schema.js';

/** How a pod was tied to its component, so the diagnosis can say why it believes so. */
export const PodMatchKind = {
  Controller: 'controller',
  Owner: 'owner',
  Labels: 'labels',
  AppLabel: 'app_label',
  PodName: 'pod_name',
} as const;
export type PodMatchKind = (typeof PodMatchKind)[keyof typeof PodMatchKind];

export interface PodComponentMatch {
  component: Component;
  matched_by: PodMatchKind;
}

/** How a network endpoint seen in a log line was tied to a component. */
export const EndpointMatchKind = {
  Hostname: 'hostname',
  ServiceDns: 'service_dns',
  Name: 'name',
  Port: 'port',
} as const;
export type EndpointMatchKind = (typeof EndpointMatchKind)[keyof typeof EndpointMatchKind];

export interface EndpointComponentMatch {
  component: Component;
  matched_by: EndpointMatchKind;
}

const APP_LABELS = ['app.kubernetes.io/name', 'app', 'k8s-app', 'app.kubernetes.io/instance'];
const CLUSTER_DNS_SUFFIX = /\.svc(?:\.cluster\.local)?\.?$/;

/**
 * The application's components and their dependencies, validated and indexed.
 * Built by `parseKnowledgeGraph` / `loadKnowledgeGraph`; immutable and safe to share.
 */
export class KnowledgeGraph {
  readonly components: readonly Component[];
  readonly source: string;
  private readonly byName: Map<string, Component>;

  constructor(components: readonly Component[], source: string) {
    this.components = components;
    this.source = source;
    this.byName = new Map(components.map((c) => [c.name, c]));
  }

  get(name: string): Component | undefined {
    return this.byName.get(name);
  }

  /** The components `name` depends on directly. */
  dependenciesOf(name: string): Component[] {
    const component = this.byName.get(name);
    return (component?.depends_on ?? []).flatMap((dep) => this.byName.get(dep) ?? []);
  }

  /** The components that list `name` in their `depends_on`. */
  dependentsOf(name: string): Component[] {
    return this.components.filter((c) => c.depends_on?.includes(name));
  }

  /**
   * Everything `name` depends on, directly or not, nearest first. Cycles are tolerated
   * because the file may describe mutual dependencies (two services calling each other).
   */
  transitiveDependenciesOf(name: string): Component[] {
    const seen = new Set<string>([name]);
    const out: Component[] = [];
    const queue = [name];
    while (queue.length > 0) {
      const current = queue.shift() as string;
      for (const dep of this.dependenciesOf(current)) {
        if (seen.has(dep.name)) continue;
        seen.add(dep.name);
        out.push(dep);
        queue.push(dep.name);
      }
    }
    return out;
  }

  /**
   * The component a pod belongs to: by its top-level controller, then any owner in its chain,
   * then the component's `labels`, then the `app` / `app.kubernetes.io/name` label, then its name
   * with the ReplicaSet/StatefulSet suffixes stripped.
   */
  componentForPod(
    pod: Pick<PodDetails, 'name' | 'namespace' | 'labels' | 'controller' | 'owner_chain'>,
  ): PodComponentMatch | null {
    const inNamespace = this.components.filter((c) => c.namespace === undefined || c.namespace === pod.namespace);
    const byIdentity = (name: string) => inNamespace.find((c) => c.name === name || c.aliases?.includes(name));

    if (pod.controller) {
      const found = byIdentity(pod.controller.name);
      if (found) return { component: found, matched_by: PodMatchKind.Controller };
    }
    for (const owner of pod.owner_chain) {
      const found = byIdentity(owner.name) ?? byIdentity(stripReplicaSetHash(owner.name));
      if (found) return { component: found, matched_by: PodMatchKind.Owner };
    }
    const labelled = inNamespace.find(
      (c) =>
        c.labels !== undefined &&
        Object.keys(c.labels).length > 0 &&
        Object.entries(c.labels).every(([k, v]) => pod.labels[k] === v),
    );
    if (labelled) return { component: labelled, matched_by: PodMatchKind.Labels };
    for (const key of APP_LABELS) {
      const value = pod.labels[key];
      const found = value === undefined ? undefined : byIdentity(value);
      if (found) return { component: found, matched_by: PodMatchKind.AppLabel };
    }
    for (const candidate of podNameStems(pod.name)) {
      const found = byIdentity(candidate);
      if (found) return { component: found, matched_by: PodMatchKind.PodName };
    }
    return null;
  }

  /**
   * The component behind a host (name or IP) and port seen in a log line. `from` is the
   * component of the pod that logged it: it supplies the namespace for short names and, when
   * the host alone says nothing, the port decides if exactly one of its dependencies serves it.
   */
  componentForEndpoint(
    host: string | null,
    port: number | null,
    from?: Component | null,
  ): EndpointComponentMatch | null {
    if (host) {
      const h = host.toLowerCase().replace(/\.$/, '');
      const exact = this.components.find((c) => c.hostnames?.some((n) => n.toLowerCase() === h));
      if (exact) return { component: exact, matched_by: EndpointMatchKind.Hostname };

      if (CLUSTER_DNS_SUFFIX.test(h)) {
        const [service, namespace] = h.split('.');
        const found = this.components.find(
          (c) =>
            (c.name === service || c.aliases?.includes(service ?? '')) &&
            (c.namespace === undefined || c.namespace === namespace),
        );
        if (found) return { component: found, matched_by: EndpointMatchKind.ServiceDns };
      } else if (!isIpAddress(h)) {
        // A short name (`cart-db`) or `<svc>.<ns>` resolves through the pod's DNS search path.
        const [service, namespace] = h.split('.');
        const ns = namespace ?? from?.namespace;
        const matches = this.components.filter(
          (c) =>
            (c.name === service || c.aliases?.includes(service ?? '')) &&
            (c.namespace === undefined || ns === undefined || c.namespace === ns),
        );
        const preferred = matches.find((c) => from?.depends_on?.includes(c.name)) ?? matches[0];
        if (preferred) return { component: preferred, matched_by: EndpointMatchKind.Name };
      }
    }
    if (port !== null && from) {
      const serving = this.dependenciesOf(from.name).filter((c) => c.ports?.includes(port));
      if (serving.length === 1 && serving[0]) return { component: serving[0], matched_by: EndpointMatchKind.Port };
    }
    return null;
  }
}

export function isIpAddress(host: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || (host.includes(':') && /^[0-9a-f:]+$/i.test(host));
}

/** `cart-7d9f8c6b5` → `cart`: a ReplicaSet is its Deployment's name plus a pod-template hash. */
function stripReplicaSetHash(name: string): string {
  return name.replace(/-[a-z0-9]{5,10}$/, '');
}

/**
 * Candidate workload names for a pod name, longest first: `cart-7d9f8c6b5-x2x9k` (Deployment),
 * `cart-db-0` (StatefulSet), `nightly-28911600-abcde` (CronJob's Job), `node-exporter-x2x9k` (DaemonSet).
 */
function podNameStems(podName: string): string[] {
  const stems: string[] = [podName];
  const parts = podName.split('-');
  for (let i = parts.length - 1; i >= 1; i--) stems.push(parts.slice(0, i).join('-'));
  return stems;
}
