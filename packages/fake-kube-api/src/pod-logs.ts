import type { IContainerStatus } from 'kubernetes-models/v1/ContainerStatus';
import type { IPod } from 'kubernetes-models/v1/Pod';
import type { ContainerLogs, LogLine, LogSource } from './scenarios/scenario.js';
import { badRequest, type StatusBody } from './status.js';

/** The query of GET pods/{name}/log, parsed. */
export interface PodLogQuery {
  container?: string;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
}

export type PodLogAnswer = { kind: 'status'; status: StatusBody } | { kind: 'text'; body: Buffer };

/** Picks the container as the apiserver's pod log REST does (validateContainer): the annotation plays no part. */
function selectContainer(pod: IPod, requested: string | undefined): { name: string } | { error: StatusBody } {
  const podName = pod.metadata?.name ?? '';
  const containers = pod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];
  const ephemeral = pod.spec?.ephemeralContainers ?? [];
  if (!requested) {
    if (containers.length === 1 && containers[0]) return { name: containers[0].name };
    if (containers.length === 0) {
      return { error: badRequest(`a container name must be specified for pod ${podName}`) };
    }
    let message = `a container name must be specified for pod ${podName}, choose one of: [${containers.map((c) => c.name).join(' ')}]`;
    if (inits.length > 0) message += ` or one of the init containers: [${inits.map((c) => c.name).join(' ')}]`;
    if (ephemeral.length > 0)
      message += ` or one of the ephemeral containers: [${ephemeral.map((c) => c.name).join(' ')}]`;
    return { error: badRequest(message) };
  }
  const known = [...containers, ...inits, ...ephemeral].some((c) => c.name === requested);
  if (!known) return { error: badRequest(`container ${requested} is not valid for pod ${podName}`) };
  return { name: requested };
}

/**
 * Decides which container instance the kubelet reads, following its validateContainerLogStatus: a container waiting
 * to restart still serves its last terminated instance; one that never ran explains why it is waiting.
 */
function selectInstance(
  pod: IPod,
  container: string,
  previous: boolean,
): { instance: keyof ContainerLogs } | { error: StatusBody } {
  const podName = pod.metadata?.name ?? '';
  const statuses: IContainerStatus[] = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
    ...(pod.status?.ephemeralContainerStatuses ?? []),
  ];
  const status = statuses.find((s) => s.name === container);
  if (!status) return { error: badRequest(`container "${container}" in pod "${podName}" is not available`) };
  const last = status.lastState?.terminated;
  const { waiting, running, terminated } = status.state ?? {};
  if (previous) {
    if (!last?.containerID) {
      return { error: badRequest(`previous terminated container "${container}" in pod "${podName}" not found`) };
    }
    return { instance: 'previous' };
  }
  if (running) return { instance: 'current' };
  if (terminated) {
    if (terminated.containerID) return { instance: 'current' };
    if (last?.containerID) return { instance: 'previous' };
    return { error: badRequest(`container "${container}" in pod "${podName}" is terminated`) };
  }
  if (last) {
    if (!last.containerID) return { error: badRequest(`container "${container}" in pod "${podName}" is terminated`) };
    return { instance: 'previous' };
  }
  if (waiting) {
    const why =
      waiting.reason === 'ErrImagePull'
        ? "image can't be pulled"
        : waiting.reason === 'ImagePullBackOff'
          ? 'trying and failing to pull image'
          : waiting.reason;
    return { error: badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${why}`) };
  }
  return { error: badRequest(`container "${container}" in pod "${podName}" is waiting to start - no logs yet`) };
}

/**
 * RFC 3339 with nanoseconds, trailing zeros trimmed, as Go's time.RFC3339Nano prints the runtime's timestamps.
 * The sub-millisecond digits are derived from the line so they look like a runtime's rather than all zeros.
 */
function formatRfc3339Nano(line: LogLine): string {
  const iso = line.time.toISOString();
  const subMillis = (line.time.getTime() * 7919 + line.text.length * 104_729) % 1_000_000;
  const fraction = `${iso.slice(20, 23)}${String(subMillis).padStart(6, '0')}`.replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

/** First index in [from, to) whose line is not older than `since`; lines are in time order. */
function firstSince(source: LogSource, from: number, to: number, since: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((source.at(mid)?.time.getTime() ?? 0) < since) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Answers a pod log request the way the apiserver and the kubelet together do. */
export function answerPodLog(
  pod: IPod,
  logs: Record<string, ContainerLogs> | undefined,
  query: PodLogQuery,
  now: Date,
): PodLogAnswer {
  const selected = selectContainer(pod, query.container);
  if ('error' in selected) return { kind: 'status', status: selected.error };
  // The apiserver has no kubelet to ask for an unscheduled pod and answers an empty stream.
  if (!pod.spec?.nodeName) return { kind: 'text', body: Buffer.alloc(0) };
  const instance = selectInstance(pod, selected.name, query.previous);
  if ('error' in instance) return { kind: 'status', status: instance.error };

  const source: LogSource = logs?.[selected.name]?.[instance.instance] ?? [];
  // The kubelet seeks the last N lines first, then skips those older than sinceSeconds, then caps the bytes.
  const end = source.length;
  let start = query.tailLines === undefined ? 0 : Math.max(0, end - query.tailLines);
  if (query.sinceSeconds !== undefined) {
    start = firstSince(source, start, end, now.getTime() - query.sinceSeconds * 1000);
  }
  const limit = query.limitBytes ?? Number.POSITIVE_INFINITY;
  const chunks: Buffer[] = [];
  let size = 0;
  for (let i = start; i < end && size < limit; i++) {
    const line = source.at(i);
    if (!line) continue;
    const chunk = Buffer.from(
      query.timestamps ? `${formatRfc3339Nano(line)} ${line.text}\n` : `${line.text}\n`,
      'utf8',
    );
    chunks.push(chunk);
    size += chunk.length;
  }
  let body = Buffer.concat(chunks, size);
  if (body.length > limit) body = body.subarray(0, limit);
  return { kind: 'text', body };
}
