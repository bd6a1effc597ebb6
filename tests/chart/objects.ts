import type { KubeObject } from './helm-cli.js';

/** Just the fields of a Pod spec the tests read. */
export interface Container {
  name: string;
  image: string;
  env?: { name: string; value?: string }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
  startupProbe?: {
    httpGet?: { path: string; port: string | number };
    periodSeconds?: number;
    failureThreshold?: number;
  };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

export interface PodSpec {
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
  securityContext?: Record<string, unknown>;
  containers: Container[];
  initContainers?: Container[];
  volumes?: { name: string; emptyDir?: unknown; configMap?: { name: string } }[];
}

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export function ofKind(objects: KubeObject[], kind: string): KubeObject[] {
  return objects.filter((object) => object.kind === kind);
}

export function named(objects: KubeObject[], kind: string, name: string): KubeObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} named ${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`)}`);
  return found;
}

/** The Pod spec of a Deployment, or of a bare Pod (the helm test hook). */
export function podSpecOf(object: KubeObject): PodSpec {
  if (object.kind === 'Pod') return object.spec as PodSpec;
  return (object.spec as { template: { spec: PodSpec } }).template.spec;
}

export function workloadsOf(objects: KubeObject[]): KubeObject[] {
  return objects.filter((object) => object.kind === 'Deployment' || object.kind === 'Pod');
}

export function envOf(container: Container): Record<string, string | undefined> {
  return Object.fromEntries((container.env ?? []).map((variable) => [variable.name, variable.value]));
}

/** CPU quantity in millicores ("250m", "0.5", "1"). */
export function millicores(quantity: string | number): number {
  const text = String(quantity);
  return text.endsWith('m') ? Number(text.slice(0, -1)) : Number(text) * 1000;
}

const bytesPerUnit: Record<string, number> = { '': 1, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, k: 1e3, M: 1e6, G: 1e9 };

/** Memory quantity in MiB ("256Mi", "1Gi", "300M"). */
export function mebibytes(quantity: string | number): number {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|k|M|G)?$/.exec(String(quantity));
  if (!match) throw new Error(`unreadable memory quantity ${quantity}`);
  return (Number(match[1]) * (bytesPerUnit[match[2] ?? ''] ?? Number.NaN)) / 2 ** 20;
}
