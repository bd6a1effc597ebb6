import type { CoreV1Event, V1ObjectMeta, V1Pod } from '@kubernetes/client-node';

/** What the agent asks of `GET .../pods/{name}/log`, in Kubernetes' own terms. */
export interface PodLogRequest {
  container: string;
  previous: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** Bytes Kubernetes may send at most: the one bound on how much of a log the agent ever holds. */
  limitBytes: number;
  timestamps: boolean;
}

/** The workload kinds whose objects the agent reads to resolve a pod's owner chain. */
export const OwnerKind = {
  ReplicaSet: 'ReplicaSet',
  Deployment: 'Deployment',
  StatefulSet: 'StatefulSet',
  DaemonSet: 'DaemonSet',
  Job: 'Job',
  CronJob: 'CronJob',
} as const;
export type OwnerKind = (typeof OwnerKind)[keyof typeof OwnerKind];

/**
 * Every read the agent makes of the Kubernetes API. Routes and services depend on this interface only;
 * the client-node adapter implements it for real clusters, unit tests hand in a fake. Each method throws
 * a KubeError on failure. Names are validated before they reach a gateway.
 */
export interface KubeGateway {
  /** Where the API server is, for logs and the readiness answer; null when not configured. */
  readonly server: string | null;
  readPod(namespace: string, name: string): Promise<V1Pod>;
  /** The metadata of a workload object, for its ownerReferences. */
  readOwnerMetadata(namespace: string, kind: OwnerKind, name: string): Promise<V1ObjectMeta>;
  readPodLog(namespace: string, name: string, request: PodLogRequest): Promise<string>;
  listPodEvents(namespace: string, podName: string, limit: number): Promise<CoreV1Event[]>;
  /** Lists at most one pod in `namespace`: proves the API answers and the agent may list pods there. */
  listOnePod(namespace: string): Promise<void>;
}
