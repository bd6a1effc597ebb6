import {
  type ContainerInfo,
  type ContainerState,
  type Evidence,
  legacyContainerFields,
  type OwnerRef,
  type PodCondition,
  type PodDetails,
  type PodEvent,
  type PodLogs,
  type Probe,
} from '@sre-orchestrator/contracts';

/**
 * Expands a compact corpus scenario into contract-shaped Evidence: every field the agent always
 * sends gets the value the agent would send when the scenario does not say otherwise. A scenario
 * that is already full Evidence passes through unchanged.
 */

type Loose = Record<string, unknown>;

const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback: string | null = null): string | null => (typeof v === 'string' ? v : fallback);
const int = (v: unknown, fallback: number | null = null): number | null => (typeof v === 'number' ? v : fallback);
const bool = (v: unknown, fallback: boolean): boolean => (typeof v === 'boolean' ? v : fallback);
const strMap = (v: unknown): Record<string, string> =>
  isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)])) : {};

export class CorpusFormatError extends Error {
  override readonly name = 'CorpusFormatError';
}

function buildState(v: unknown): ContainerState | null {
  if (!isObject(v)) return null;
  const kind = str(v.kind);
  if (kind !== 'waiting' && kind !== 'running' && kind !== 'terminated') {
    throw new CorpusFormatError(`container state kind must be waiting, running or terminated, got ${String(v.kind)}`);
  }
  return {
    kind,
    reason: str(v.reason),
    message: str(v.message),
    exit_code: int(v.exit_code),
    signal: int(v.signal),
    started_at: str(v.started_at),
    finished_at: str(v.finished_at),
  };
}

function buildProbe(v: unknown): Probe | null {
  if (!isObject(v)) return null;
  const handler = str(v.handler, 'GET http://:8080/healthz') as string;
  const type =
    str(v.type) ??
    (handler.startsWith('tcp')
      ? 'tcp'
      : handler.startsWith('exec')
        ? 'exec'
        : handler.startsWith('grpc')
          ? 'grpc'
          : 'http');
  return {
    type: type as Probe['type'],
    handler,
    initial_delay_seconds: int(v.initial_delay_seconds, 0) as number,
    period_seconds: int(v.period_seconds, 10) as number,
    timeout_seconds: int(v.timeout_seconds, 1) as number,
    failure_threshold: int(v.failure_threshold, 3) as number,
    success_threshold: int(v.success_threshold, 1) as number,
  };
}

function buildContainer(v: unknown, podStart: string | null): ContainerInfo {
  if (!isObject(v) || typeof v.name !== 'string') throw new CorpusFormatError('every container needs a name');
  const init = bool(v.init, false);
  const state =
    v.state === undefined
      ? {
          kind: 'running' as const,
          reason: null,
          message: null,
          exit_code: null,
          signal: null,
          started_at: podStart,
          finished_at: null,
        }
      : buildState(v.state);
  const resources = isObject(v.resources) ? v.resources : {};
  const probes = isObject(v.probes) ? v.probes : {};
  return {
    name: v.name,
    image: str(v.image, `registry.example.com/${v.name}:1.0.0`) as string,
    image_id: str(v.image_id),
    init,
    sidecar: bool(v.sidecar, false),
    ready: bool(v.ready, state?.kind === 'running' && !init),
    started: v.started === undefined ? state?.kind === 'running' : (v.started as boolean | null),
    restart_count: int(v.restart_count, 0) as number,
    state,
    last_state: buildState(v.last_state),
    resources: { requests: strMap(resources.requests), limits: strMap(resources.limits) },
    probes: {
      liveness: buildProbe(probes.liveness),
      readiness: buildProbe(probes.readiness),
      startup: buildProbe(probes.startup),
    },
    env: Array.isArray(v.env)
      ? v.env.map((e: Loose) => ({
          name: String(e.name),
          source: str(e.source, 'value') as ContainerInfo['env'][number]['source'],
          ref_name: str(e.ref_name),
          ref_key: str(e.ref_key),
          optional: e.optional === undefined ? null : Boolean(e.optional),
        }))
      : [],
    env_from: Array.isArray(v.env_from)
      ? v.env_from.map((e: Loose) => ({
          source: str(e.source, 'configmap') as 'secret' | 'configmap',
          ref_name: String(e.ref_name),
          prefix: str(e.prefix),
          optional: e.optional === undefined ? null : Boolean(e.optional),
        }))
      : [],
    volume_mounts: Array.isArray(v.volume_mounts)
      ? v.volume_mounts.map((m: Loose) => ({
          name: String(m.name),
          mount_path: String(m.mount_path),
          read_only: bool(m.read_only, false),
        }))
      : [],
  };
}

function ownerChain(podName: string, controller: { kind: string; name: string } | null): OwnerRef[] {
  if (!controller) return [];
  const ref = (kind: string, name: string): OwnerRef => ({
    kind,
    name,
    api_version: kind === 'Job' || kind === 'CronJob' ? 'batch/v1' : 'apps/v1',
    uid: null,
    resolved: true,
  });
  if (controller.kind === 'Deployment')
    return [ref('ReplicaSet', podName.replace(/-[a-z0-9]+$/, '')), ref('Deployment', controller.name)];
  if (controller.kind === 'CronJob')
    return [ref('Job', podName.replace(/-[a-z0-9]+$/, '')), ref('CronJob', controller.name)];
  return [ref(controller.kind, controller.name)];
}

export function buildPodDetails(v: unknown): PodDetails {
  if (!isObject(v) || typeof v.name !== 'string') throw new CorpusFormatError('pod_details needs a name');
  const phase = str(v.phase ?? v.status, 'Running') as string;
  const start = str(v.start_time);
  const containers = (Array.isArray(v.containers) ? v.containers : []).map((c) => buildContainer(c, start));
  const controller = isObject(v.controller)
    ? { kind: String(v.controller.kind), name: String(v.controller.name) }
    : null;
  const nodeName = v.node_name === undefined ? 'node-1' : str(v.node_name);
  const allReady = containers.filter((c) => !c.init || c.sidecar).every((c) => c.ready);
  const conditions: PodCondition[] = Array.isArray(v.conditions)
    ? v.conditions.map((c: Loose) => ({
        type: String(c.type),
        status: String(c.status),
        reason: str(c.reason),
        message: str(c.message),
        last_transition_time: str(c.last_transition_time),
      }))
    : [
        // Before the scheduler has tried, a pod has no PodScheduled condition at all.
        ...(nodeName
          ? [{ type: 'PodScheduled', status: 'True', reason: null, message: null, last_transition_time: start }]
          : []),
        {
          type: 'Ready',
          status: allReady && phase === 'Running' ? 'True' : 'False',
          reason: allReady ? null : 'ContainersNotReady',
          message: null,
          last_transition_time: start,
        },
      ];
  return {
    name: v.name,
    namespace: str(v.namespace, 'default') as string,
    uid: str(v.uid),
    status: phase,
    phase,
    reason: str(v.reason),
    message: str(v.message),
    node_name: nodeName,
    pod_ip: str(v.pod_ip, nodeName && phase === 'Running' ? '10.244.1.23' : null),
    pod_ips: Array.isArray(v.pod_ips) ? v.pod_ips.map(String) : [],
    host_ip: str(v.host_ip),
    start_time: start,
    created_at: str(v.created_at, start),
    deletion_timestamp: str(v.deletion_timestamp),
    qos_class: str(v.qos_class, 'Burstable'),
    service_account: str(v.service_account, 'default'),
    restart_policy: str(v.restart_policy, 'Always'),
    priority_class_name: str(v.priority_class_name),
    labels: strMap(v.labels),
    default_container: str(v.default_container),
    conditions,
    owner_chain: Array.isArray(v.owner_chain) ? (v.owner_chain as OwnerRef[]) : ownerChain(v.name, controller),
    controller,
    containers,
    ...legacyContainerFields(containers),
    volumes: Array.isArray(v.volumes)
      ? v.volumes.map((x: Loose) => ({
          name: String(x.name),
          type: str(x.type, 'other') as string,
          source_name: str(x.source_name),
          optional: x.optional === undefined ? null : Boolean(x.optional),
        }))
      : [],
    node_selector: strMap(v.node_selector),
    tolerations: Array.isArray(v.tolerations) ? (v.tolerations as Array<Record<string, unknown>>) : [],
  };
}

function toLines(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string') return v.replace(/\n$/, '').split('\n');
  return [];
}

function buildLogs(v: unknown, pod: PodDetails | null, container: string, previous: boolean): PodLogs | undefined {
  if (v === undefined || v === null) return undefined;
  const loose = isObject(v) ? v : { lines: v };
  const lines = toLines(loose.lines);
  return {
    namespace: str(loose.namespace, pod?.namespace ?? 'default') as string,
    pod: str(loose.pod, pod?.name ?? 'unknown') as string,
    container,
    previous,
    container_selection: str(loose.container_selection, 'requested') as string,
    lines,
    line_count: int(loose.line_count, lines.length) as number,
    truncated: bool(loose.truncated, false),
    tail: loose.tail === undefined ? 500 : int(loose.tail),
    limit_bytes: int(loose.limit_bytes, 1_048_576) as number,
    since_seconds: int(loose.since_seconds),
    timestamps: bool(loose.timestamps, false),
    masked_count: int(loose.masked_count, 0) as number,
  };
}

const NORMAL_REASONS = new Set([
  'Scheduled',
  'Pulling',
  'Pulled',
  'Created',
  'Started',
  'Killing',
  'SuccessfulAttachVolume',
  'SandboxChanged',
]);
const SCHEDULER_REASONS = new Set(['Scheduled', 'FailedScheduling', 'Preempted']);
const ATTACH_REASONS = new Set(['FailedAttachVolume', 'SuccessfulAttachVolume']);

function buildEvent(v: unknown, pod: PodDetails | null, now: string | null): PodEvent {
  if (!isObject(v) || typeof v.reason !== 'string') throw new CorpusFormatError('every event needs a reason');
  const reason = v.reason;
  const container = str(v.container);
  const isInit = container !== null && pod?.containers.find((c) => c.name === container)?.init === true;
  const lastSeen = v.last_seen === undefined ? now : str(v.last_seen);
  const component = SCHEDULER_REASONS.has(reason)
    ? 'default-scheduler'
    : ATTACH_REASONS.has(reason)
      ? 'attachdetach-controller'
      : 'kubelet';
  return {
    type: str(v.type, NORMAL_REASONS.has(reason) ? 'Normal' : 'Warning') as string,
    reason,
    message: str(v.message, '') as string,
    count: int(v.count, 1) as number,
    first_seen: v.first_seen === undefined ? lastSeen : str(v.first_seen),
    last_seen: lastSeen,
    source: isObject(v.source)
      ? { component: str(v.source.component), host: str(v.source.host) }
      : { component, host: component === 'kubelet' ? (pod?.node_name ?? null) : null },
    field_path:
      v.field_path !== undefined
        ? str(v.field_path)
        : container
          ? `spec.${isInit ? 'initContainers' : 'containers'}{${container}}`
          : null,
    involved_kind: str(v.involved_kind, 'Pod'),
  };
}

/** Compact scenario evidence → contract Evidence. `now` dates events that give no time. */
export function buildEvidence(compact: unknown, now: string | null): Evidence {
  if (!isObject(compact)) throw new CorpusFormatError('evidence must be an object');
  const pod = compact.pod_details === undefined ? null : buildPodDetails(compact.pod_details);
  const evidence: Evidence = {};
  if (pod) evidence.pod_details = pod;
  if (isObject(compact.pod_logs)) {
    evidence.pod_logs = Object.fromEntries(
      Object.entries(compact.pod_logs).map(([container, entry]) => {
        const e = isObject(entry) ? entry : {};
        const out: { current?: PodLogs; previous?: PodLogs } = {};
        const current = buildLogs(e.current, pod, container, false);
        const previous = buildLogs(e.previous, pod, container, true);
        if (current) out.current = current;
        if (previous) out.previous = previous;
        return [container, out];
      }),
    );
  }
  if (compact.pod_events !== undefined) {
    const raw = isObject(compact.pod_events) ? compact.pod_events.events : compact.pod_events;
    evidence.pod_events = {
      namespace: pod?.namespace ?? 'default',
      pod: pod?.name ?? 'unknown',
      events: (Array.isArray(raw) ? raw : []).map((e) => buildEvent(e, pod, now)),
    };
  }
  if (Array.isArray(compact.errors)) {
    evidence.errors = compact.errors.map((e: Loose) => ({
      source: String(e.source),
      ...(e.container !== undefined ? { container: String(e.container) } : {}),
      ...(e.previous !== undefined ? { previous: Boolean(e.previous) } : {}),
      code: int(e.code, 0) as number,
      kind: str(e.kind, 'error') as string,
      message: str(e.message, '') as string,
    }));
  }
  if (typeof compact.finding === 'string') evidence.finding = compact.finding;
  const collected = str(compact.collected_at, now);
  if (collected) evidence.collected_at = collected;
  return evidence;
}
