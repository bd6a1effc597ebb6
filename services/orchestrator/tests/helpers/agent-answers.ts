import {
  type ContainerInfo,
  type ContainerState,
  legacyContainerFields,
  type PodDetails,
  type PodEvents,
  type PodLogs,
} from '@sre-orchestrator/contracts';

/** Agent answers shaped as the contract says, with only what a test cares about overridden. */

export function containerState(overrides: Partial<ContainerState> & Pick<ContainerState, 'kind'>): ContainerState {
  return {
    reason: null,
    message: null,
    exit_code: null,
    signal: null,
    started_at: null,
    finished_at: null,
    ...overrides,
  };
}

export function container(overrides: Partial<ContainerInfo> & Pick<ContainerInfo, 'name'>): ContainerInfo {
  return {
    image: `registry.example.com/${overrides.name}:1.0.0`,
    image_id: null,
    init: false,
    sidecar: false,
    ready: true,
    started: true,
    restart_count: 0,
    state: containerState({ kind: 'running', started_at: '2026-12-03T15:00:00Z' }),
    last_state: null,
    resources: { requests: {}, limits: {} },
    probes: { liveness: null, readiness: null, startup: null },
    env: [],
    env_from: [],
    volume_mounts: [],
    ...overrides,
  };
}

export function podDetails(
  overrides: Partial<PodDetails> & Pick<PodDetails, 'name' | 'namespace'>,
  containers: ContainerInfo[] = [container({ name: 'app' })],
): PodDetails {
  return {
    uid: '5f1c2d7e-0000-4000-8000-000000000001',
    status: 'Running',
    phase: 'Running',
    reason: null,
    message: null,
    node_name: 'node-1',
    pod_ip: '10.0.0.12',
    pod_ips: ['10.0.0.12'],
    host_ip: '192.168.1.10',
    start_time: '2026-12-03T15:00:00Z',
    created_at: '2026-12-03T15:00:00Z',
    deletion_timestamp: null,
    qos_class: 'Burstable',
    service_account: 'default',
    restart_policy: 'Always',
    priority_class_name: null,
    labels: {},
    default_container: null,
    conditions: [],
    owner_chain: [],
    controller: null,
    containers,
    ...legacyContainerFields(containers),
    volumes: [],
    node_selector: {},
    tolerations: [],
    ...overrides,
  };
}

export function podLogs(
  namespace: string,
  pod: string,
  containerName: string,
  lines: string[],
  overrides: Partial<PodLogs> = {},
): PodLogs {
  return {
    namespace,
    pod,
    container: containerName,
    previous: false,
    container_selection: 'requested',
    lines,
    line_count: lines.length,
    truncated: false,
    tail: 200,
    limit_bytes: 1_048_576,
    since_seconds: null,
    timestamps: false,
    masked_count: 0,
    ...overrides,
  };
}

export function podEvents(namespace: string, pod: string, events: Partial<PodEvents['events'][number]>[] = []) {
  return {
    namespace,
    pod,
    events: events.map((e) => ({
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      count: 1,
      first_seen: '2026-12-03T15:10:00Z',
      last_seen: '2026-12-03T15:20:00Z',
      source: { component: 'kubelet', host: 'node-1' },
      field_path: null,
      involved_kind: 'Pod',
      ...e,
    })),
  } satisfies PodEvents;
}
