import type { IPod } from 'kubernetes-models/v1/Pod';

/**
 * A meta.k8s.io/v1 Table of pods, the server-side printing kubectl asks for (`Accept: ...;as=Table`), so
 * `kubectl get pods` against the fake shows READY, STATUS and RESTARTS as it would against a cluster. The STATUS
 * column follows kubectl's printPod: init progress first, then the last container's waiting or terminated reason.
 * `metadata` is the list's (resourceVersion, and continue when paginated).
 */
export function podTable(pods: readonly IPod[], metadata: Record<string, unknown>, now: Date): unknown {
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: [
      column('Name', 'string', 0, 'name'),
      column('Ready', 'string', 0),
      column('Status', 'string', 0),
      column('Restarts', 'string', 0),
      column('Age', 'string', 0),
      column('IP', 'string', 1),
      column('Node', 'string', 1),
    ],
    rows: pods.map((pod) => ({
      cells: [
        pod.metadata?.name ?? '',
        readyColumn(pod),
        statusColumn(pod),
        restartsColumn(pod, now),
        age(pod.metadata?.creationTimestamp, now),
        pod.status?.podIP ?? '<none>',
        pod.spec?.nodeName ?? '<none>',
      ],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod.metadata },
    })),
  };
}

function column(name: string, type: string, priority: number, format = '') {
  return { name, type, format, description: '', priority };
}

/** kubectl's human durations: 45s, 12m, 3h4m, 2d. */
function humanDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ''}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return `${h}h${m % 60 ? `${m % 60}m` : ''}`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return `${d}d${h % 24 ? `${h % 24}h` : ''}`;
  return `${d}d`;
}

function age(timestamp: string | undefined, now: Date): string {
  return timestamp ? humanDuration((now.getTime() - Date.parse(timestamp)) / 1000) : '<unknown>';
}

function readyColumn(pod: IPod): string {
  const statuses = pod.status?.containerStatuses ?? [];
  const ready = statuses.filter((s) => s.ready).length;
  return `${ready}/${pod.spec?.containers.length ?? 0}`;
}

function restartsColumn(pod: IPod, now: Date): string {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const restarts = statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0);
  const lastRestart = statuses
    .map((s) => s.lastState?.terminated?.finishedAt)
    .filter((t): t is string => Boolean(t))
    .map((t) => Date.parse(t))
    .sort((a, b) => b - a)[0];
  return restarts > 0 && lastRestart !== undefined
    ? `${restarts} (${humanDuration((now.getTime() - lastRestart) / 1000)} ago)`
    : String(restarts);
}

function statusColumn(pod: IPod): string {
  let reason = pod.status?.reason ?? pod.status?.phase ?? 'Unknown';
  const inits = pod.status?.initContainerStatuses ?? [];
  let initializing = false;
  for (const [i, s] of inits.entries()) {
    const terminated = s.state?.terminated;
    const waiting = s.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    initializing = true;
    if (terminated) {
      reason = `Init:${terminated.reason || (terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`)}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${pod.spec?.initContainers?.length ?? inits.length}`;
    }
    break;
  }
  if (!initializing) {
    let hasRunning = false;
    for (const s of [...(pod.status?.containerStatuses ?? [])].reverse()) {
      if (s.state?.waiting?.reason) reason = s.state.waiting.reason;
      else if (s.state?.terminated?.reason) reason = s.state.terminated.reason;
      else if (s.state?.terminated) {
        reason = s.state.terminated.signal
          ? `Signal:${s.state.terminated.signal}`
          : `ExitCode:${s.state.terminated.exitCode}`;
      } else if (s.state?.running && s.ready) hasRunning = true;
    }
    if (reason === 'Completed' && hasRunning) reason = 'Running';
  }
  if (pod.metadata?.deletionTimestamp) reason = 'Terminating';
  return reason;
}
