import type {
  V1Container,
  V1ContainerState,
  V1ContainerStatus,
  V1EnvFromSource,
  V1EnvVar,
  V1Pod,
  V1Probe,
  V1Volume,
} from '@kubernetes/client-node';
import {
  type ContainerInfo,
  type ContainerState,
  type EnvFromRef,
  type EnvVarRef,
  legacyContainerFields,
  type OwnerRef,
  type PodDetails,
  type Probe,
  type VolumeInfo,
} from '@sre-orchestrator/contracts';
import { maskLine } from '../masking/mask-secrets.js';
import { toTimestamp } from './kube-time.js';

/** The annotation kubectl reads to pick a pod's default container. */
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/**
 * Maps a pod to the agent's PodDetails. Deliberately an allow-list: only fields named here leave the agent,
 * so env values, command and args, annotations (last-applied-configuration carries the whole spec, env
 * values included) and probe headers never do.
 */
export function mapPodDetails(pod: V1Pod, ownerChain: OwnerRef[]): PodDetails {
  const spec = pod.spec;
  const status = pod.status;
  const statusByName = new Map<string, V1ContainerStatus>();
  for (const s of [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])]) {
    statusByName.set(s.name, s);
  }
  const containers: ContainerInfo[] = [
    ...(spec?.initContainers ?? []).map((c) => mapContainer(c, statusByName.get(c.name), true)),
    ...(spec?.containers ?? []).map((c) => mapContainer(c, statusByName.get(c.name), false)),
  ];
  const phase = status?.phase ?? 'Unknown';
  const top = ownerChain.at(-1);
  return {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    uid: pod.metadata?.uid ?? null,
    status: phase,
    phase,
    reason: status?.reason ?? null,
    message: status?.message ?? null,
    node_name: spec?.nodeName ?? null,
    pod_ip: status?.podIP ?? null,
    pod_ips: (status?.podIPs ?? []).map((ip) => ip.ip).filter((ip): ip is string => Boolean(ip)),
    host_ip: status?.hostIP ?? null,
    start_time: toTimestamp(status?.startTime),
    created_at: toTimestamp(pod.metadata?.creationTimestamp),
    deletion_timestamp: toTimestamp(pod.metadata?.deletionTimestamp),
    qos_class: status?.qosClass ?? null,
    service_account: spec?.serviceAccountName ?? null,
    restart_policy: spec?.restartPolicy ?? null,
    priority_class_name: spec?.priorityClassName ?? null,
    labels: { ...(pod.metadata?.labels ?? {}) },
    default_container: pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION] ?? null,
    conditions: (status?.conditions ?? []).map((c) => ({
      type: c.type,
      status: c.status,
      reason: c.reason ?? null,
      message: c.message ?? null,
      last_transition_time: toTimestamp(c.lastTransitionTime),
    })),
    owner_chain: ownerChain,
    controller: top ? { kind: top.kind, name: top.name } : null,
    ...legacyContainerFields(containers),
    containers,
    volumes: (spec?.volumes ?? []).map(mapVolume),
    node_selector: { ...(spec?.nodeSelector ?? {}) },
    tolerations: (spec?.tolerations ?? []).map((t) =>
      dropUndefined({
        key: t.key,
        operator: t.operator,
        value: t.value,
        effect: t.effect,
        toleration_seconds: t.tolerationSeconds,
      }),
    ),
  };
}

function mapContainer(container: V1Container, status: V1ContainerStatus | undefined, init: boolean): ContainerInfo {
  return {
    name: container.name,
    image: container.image ?? status?.image ?? '',
    image_id: status?.imageID || null,
    init,
    sidecar: init && container.restartPolicy === 'Always',
    ready: status?.ready ?? false,
    started: status?.started ?? null,
    restart_count: status?.restartCount ?? 0,
    state: mapState(status?.state),
    last_state: mapState(status?.lastState),
    resources: {
      requests: quantities(container.resources?.requests),
      limits: quantities(container.resources?.limits),
    },
    probes: {
      liveness: mapProbe(container.livenessProbe),
      readiness: mapProbe(container.readinessProbe),
      startup: mapProbe(container.startupProbe),
    },
    env: (container.env ?? []).map(mapEnvVar),
    env_from: (container.envFrom ?? []).flatMap(mapEnvFrom),
    volume_mounts: (container.volumeMounts ?? []).map((m) => ({
      name: m.name,
      mount_path: m.mountPath,
      read_only: m.readOnly ?? false,
    })),
  };
}

/** One of waiting / running / terminated; null when Kubernetes reports none (an empty lastState). */
export function mapState(state: V1ContainerState | undefined): ContainerState | null {
  if (state?.terminated) {
    const t = state.terminated;
    return {
      kind: 'terminated',
      reason: t.reason ?? null,
      message: t.message ?? null,
      exit_code: t.exitCode,
      signal: t.signal ?? null,
      started_at: toTimestamp(t.startedAt),
      finished_at: toTimestamp(t.finishedAt),
    };
  }
  if (state?.waiting) {
    return {
      kind: 'waiting',
      reason: state.waiting.reason ?? null,
      message: state.waiting.message ?? null,
      exit_code: null,
      signal: null,
      started_at: null,
      finished_at: null,
    };
  }
  if (state?.running) {
    return {
      kind: 'running',
      reason: null,
      message: null,
      exit_code: null,
      signal: null,
      started_at: toTimestamp(state.running.startedAt),
      finished_at: null,
    };
  }
  return null;
}

function quantities(map: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).map(([k, v]) => [k, String(v)]));
}

/**
 * A one-line handler description. Exec probes show the program only (arguments can carry passwords, as in
 * `mysqladmin -p$PW`); HTTP probes omit headers; what remains is masked like a log line.
 */
export function mapProbe(probe: V1Probe | undefined): Probe | null {
  if (!probe) return null;
  let type: Probe['type'];
  let handler: string;
  if (probe.httpGet) {
    type = 'http';
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    handler = `GET ${scheme}://${probe.httpGet.host ?? ''}:${probe.httpGet.port}${probe.httpGet.path ?? '/'}`;
  } else if (probe.tcpSocket) {
    type = 'tcp';
    handler = `tcp ${probe.tcpSocket.host ?? ''}:${probe.tcpSocket.port}`;
  } else if (probe.grpc) {
    type = 'grpc';
    handler = `grpc :${probe.grpc.port}${probe.grpc.service ? ` ${probe.grpc.service}` : ''}`;
  } else {
    type = 'exec';
    const argv = probe.exec?.command ?? [];
    const program = argv[0] ?? '';
    handler = argv.length > 1 ? `exec [${program} …${argv.length - 1} args]` : `exec [${program}]`;
  }
  return {
    type,
    handler: maskLine(handler),
    // Defaults as the API server applies them (k8s.io/kubernetes/pkg/apis/core/v1/defaults.go).
    initial_delay_seconds: probe.initialDelaySeconds ?? 0,
    period_seconds: probe.periodSeconds ?? 10,
    timeout_seconds: probe.timeoutSeconds ?? 1,
    failure_threshold: probe.failureThreshold ?? 3,
    success_threshold: probe.successThreshold ?? 1,
  };
}

/** Name and origin only: an inline value is reported as `value`, never echoed. */
function mapEnvVar(env: V1EnvVar): EnvVarRef {
  const from = env.valueFrom;
  if (from?.secretKeyRef) {
    const ref = from.secretKeyRef;
    return {
      name: env.name,
      source: 'secret',
      ref_name: ref.name ?? null,
      ref_key: ref.key,
      optional: ref.optional ?? null,
    };
  }
  if (from?.configMapKeyRef) {
    const ref = from.configMapKeyRef;
    return {
      name: env.name,
      source: 'configmap',
      ref_name: ref.name ?? null,
      ref_key: ref.key,
      optional: ref.optional ?? null,
    };
  }
  if (from?.fieldRef) {
    return { name: env.name, source: 'field', ref_name: null, ref_key: from.fieldRef.fieldPath, optional: null };
  }
  if (from?.resourceFieldRef) {
    return {
      name: env.name,
      source: 'resource',
      ref_name: from.resourceFieldRef.containerName ?? null,
      ref_key: from.resourceFieldRef.resource,
      optional: null,
    };
  }
  return { name: env.name, source: 'value', ref_name: null, ref_key: null, optional: null };
}

function mapEnvFrom(env: V1EnvFromSource): EnvFromRef[] {
  if (env.secretRef) {
    return [
      {
        source: 'secret',
        ref_name: env.secretRef.name ?? '',
        prefix: env.prefix ?? null,
        optional: env.secretRef.optional ?? null,
      },
    ];
  }
  if (env.configMapRef) {
    return [
      {
        source: 'configmap',
        ref_name: env.configMapRef.name ?? '',
        prefix: env.prefix ?? null,
        optional: env.configMapRef.optional ?? null,
      },
    ];
  }
  return [];
}

function mapVolume(volume: V1Volume): VolumeInfo {
  if (volume.secret) {
    return {
      name: volume.name,
      type: 'secret',
      source_name: volume.secret.secretName ?? null,
      optional: volume.secret.optional ?? null,
    };
  }
  if (volume.configMap) {
    return {
      name: volume.name,
      type: 'configMap',
      source_name: volume.configMap.name ?? null,
      optional: volume.configMap.optional ?? null,
    };
  }
  if (volume.persistentVolumeClaim) {
    return {
      name: volume.name,
      type: 'persistentVolumeClaim',
      source_name: volume.persistentVolumeClaim.claimName,
      optional: null,
    };
  }
  if (volume.emptyDir) return { name: volume.name, type: 'emptyDir', source_name: null, optional: null };
  if (volume.hostPath)
    return { name: volume.name, type: 'hostPath', source_name: volume.hostPath.path, optional: null };
  if (volume.projected) return { name: volume.name, type: 'projected', source_name: null, optional: null };
  return { name: volume.name, type: 'other', source_name: null, optional: null };
}

function dropUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}
