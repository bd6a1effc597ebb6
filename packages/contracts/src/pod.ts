import { type Static, Type } from 'typebox';
import { Nullable, QuantityMapSchema, StringMapSchema, Timestamp } from './common.js';

/** Which of the three Kubernetes container states a container is in. */
export const ContainerStateKind = {
  Waiting: 'waiting',
  Running: 'running',
  Terminated: 'terminated',
} as const;
export type ContainerStateKind = (typeof ContainerStateKind)[keyof typeof ContainerStateKind];

/**
 * One container state (`state` or `lastState` in the Kubernetes ContainerStatus), flattened:
 * `kind` says which of waiting/running/terminated it is; fields that do not apply are null.
 */
export const ContainerStateSchema = Type.Object({
  kind: Type.Union([Type.Literal('waiting'), Type.Literal('running'), Type.Literal('terminated')]),
  reason: Nullable(Type.String({ description: 'e.g. CrashLoopBackOff, OOMKilled, Error, ImagePullBackOff' })),
  message: Nullable(Type.String()),
  exit_code: Nullable(Type.Integer()),
  signal: Nullable(Type.Integer()),
  started_at: Nullable(Timestamp),
  finished_at: Nullable(Timestamp),
});
export type ContainerState = Static<typeof ContainerStateSchema>;

export const ProbeSchema = Type.Object({
  type: Type.Union([Type.Literal('http'), Type.Literal('tcp'), Type.Literal('exec'), Type.Literal('grpc')]),
  /** A one-line description of the handler: `GET http://:8080/healthz`, `tcp :5432`, `exec [pg_isready]`. */
  handler: Type.String(),
  initial_delay_seconds: Type.Integer(),
  period_seconds: Type.Integer(),
  timeout_seconds: Type.Integer(),
  failure_threshold: Type.Integer(),
  success_threshold: Type.Integer(),
});
export type Probe = Static<typeof ProbeSchema>;

/** An environment variable by name and where its value comes from; the value itself never leaves the agent. */
export const EnvVarRefSchema = Type.Object({
  name: Type.String(),
  source: Type.Union([
    Type.Literal('value'),
    Type.Literal('secret'),
    Type.Literal('configmap'),
    Type.Literal('field'),
    Type.Literal('resource'),
  ]),
  /** For `secret`/`configmap`: the object and key referenced (names, not values). */
  ref_name: Nullable(Type.String()),
  ref_key: Nullable(Type.String()),
  optional: Nullable(Type.Boolean()),
});
export type EnvVarRef = Static<typeof EnvVarRefSchema>;

export const EnvFromRefSchema = Type.Object({
  source: Type.Union([Type.Literal('secret'), Type.Literal('configmap')]),
  ref_name: Type.String(),
  prefix: Nullable(Type.String()),
  optional: Nullable(Type.Boolean()),
});
export type EnvFromRef = Static<typeof EnvFromRefSchema>;

export const ContainerInfoSchema = Type.Object({
  name: Type.String(),
  image: Type.String(),
  image_id: Nullable(Type.String()),
  /** An init container (spec.initContainers). */
  init: Type.Boolean(),
  /** A native sidecar: an init container with restartPolicy Always. */
  sidecar: Type.Boolean(),
  ready: Type.Boolean(),
  started: Nullable(Type.Boolean()),
  restart_count: Type.Integer(),
  state: Nullable(ContainerStateSchema),
  last_state: Nullable(ContainerStateSchema),
  resources: Type.Object({ requests: QuantityMapSchema, limits: QuantityMapSchema }),
  probes: Type.Object({
    liveness: Nullable(ProbeSchema),
    readiness: Nullable(ProbeSchema),
    startup: Nullable(ProbeSchema),
  }),
  env: Type.Array(EnvVarRefSchema),
  env_from: Type.Array(EnvFromRefSchema),
  volume_mounts: Type.Array(Type.Object({ name: Type.String(), mount_path: Type.String(), read_only: Type.Boolean() })),
});
export type ContainerInfo = Static<typeof ContainerInfoSchema>;

/** The design's original, flat per-container summary (kept alongside `containers`). */
export const ContainerStatusSummarySchema = Type.Object({
  name: Type.String(),
  image: Type.String(),
  ready: Type.Boolean(),
  restart_count: Type.Integer(),
  /** waiting | running | terminated | unknown */
  state: Type.String(),
  reason: Nullable(Type.String()),
  exit_code: Nullable(Type.Integer()),
  init: Type.Boolean(),
});
export type ContainerStatusSummary = Static<typeof ContainerStatusSummarySchema>;

export const PodConditionSchema = Type.Object({
  type: Type.String(),
  status: Type.String(),
  reason: Nullable(Type.String()),
  message: Nullable(Type.String()),
  last_transition_time: Nullable(Timestamp),
});
export type PodCondition = Static<typeof PodConditionSchema>;

/** One link of the owner chain, from the pod's direct owner up to the top-level controller. */
export const OwnerRefSchema = Type.Object({
  kind: Type.String(),
  name: Type.String(),
  api_version: Nullable(Type.String()),
  uid: Nullable(Type.String()),
  /** False when the owner could not be read (e.g. deleted or forbidden); the chain stops there. */
  resolved: Type.Boolean(),
});
export type OwnerRef = Static<typeof OwnerRefSchema>;

export const VolumeInfoSchema = Type.Object({
  name: Type.String(),
  /** secret | configMap | persistentVolumeClaim | emptyDir | hostPath | projected | other */
  type: Type.String(),
  /** The referenced object's name: the Secret, ConfigMap or claim name. */
  source_name: Nullable(Type.String()),
  optional: Nullable(Type.Boolean()),
});
export type VolumeInfo = Static<typeof VolumeInfoSchema>;

/** `GET /api/v1/pods/{namespace}/{name}` on the k8s-agent. */
export const PodDetailsSchema = Type.Object({
  name: Type.String(),
  namespace: Type.String(),
  uid: Nullable(Type.String()),
  /** The pod phase: Pending | Running | Succeeded | Failed | Unknown. */
  status: Type.String(),
  /** Same as `status`; named as Kubernetes names it. */
  phase: Type.String(),
  reason: Nullable(Type.String({ description: 'Pod-level reason, e.g. Evicted' })),
  message: Nullable(Type.String()),
  node_name: Nullable(Type.String()),
  pod_ip: Nullable(Type.String()),
  pod_ips: Type.Array(Type.String()),
  host_ip: Nullable(Type.String()),
  start_time: Nullable(Timestamp),
  created_at: Nullable(Timestamp),
  deletion_timestamp: Nullable(Timestamp),
  qos_class: Nullable(Type.String()),
  service_account: Nullable(Type.String()),
  restart_policy: Nullable(Type.String()),
  priority_class_name: Nullable(Type.String()),
  labels: StringMapSchema,
  /** The container `kubectl.kubernetes.io/default-container` names, if any. */
  default_container: Nullable(Type.String()),
  conditions: Type.Array(PodConditionSchema),
  /** Direct owner first, top-level controller last (Pod → ReplicaSet → Deployment). */
  owner_chain: Type.Array(OwnerRefSchema),
  /** The top of the owner chain, or null for a bare pod. */
  controller: Nullable(Type.Object({ kind: Type.String(), name: Type.String() })),
  /** Sum of restart counts over all containers, init containers included. */
  restart_count: Type.Integer(),
  /** Init containers first (marked `init: true`), then app containers, in spec order. */
  containers: Type.Array(ContainerInfoSchema),
  container_statuses: Type.Array(ContainerStatusSummarySchema),
  /** Per container name: its resource limits / requests. */
  resource_limits: Type.Record(Type.String(), QuantityMapSchema),
  resource_requests: Type.Record(Type.String(), QuantityMapSchema),
  volumes: Type.Array(VolumeInfoSchema),
  node_selector: StringMapSchema,
  tolerations: Type.Array(Type.Record(Type.String(), Type.Unknown())),
});
export type PodDetails = Static<typeof PodDetailsSchema>;

/**
 * The design's original flat fields (`restart_count`, `container_statuses`, `resource_limits`,
 * `resource_requests`), derived from the rich `containers` list so every producer derives them alike.
 */
export function legacyContainerFields(
  containers: readonly ContainerInfo[],
): Pick<PodDetails, 'restart_count' | 'container_statuses' | 'resource_limits' | 'resource_requests'> {
  return {
    restart_count: containers.reduce((sum, c) => sum + c.restart_count, 0),
    container_statuses: containers.map((c) => ({
      name: c.name,
      image: c.image,
      ready: c.ready,
      restart_count: c.restart_count,
      state: c.state?.kind ?? 'unknown',
      reason: c.state?.reason ?? null,
      exit_code: c.state?.exit_code ?? null,
      init: c.init,
    })),
    resource_limits: Object.fromEntries(containers.map((c) => [c.name, c.resources.limits])),
    resource_requests: Object.fromEntries(containers.map((c) => [c.name, c.resources.requests])),
  };
}
