import type { CoreV1Event } from '@kubernetes/client-node';
import type { PodEvent, PodEvents } from '@sre-orchestrator/contracts';
import { kubeErrorToAppError } from '../kube/kube-error-mapping.js';
import type { KubeGateway } from '../kube/kube-gateway.js';
import { maskLine } from '../masking/mask-secrets.js';
import { toMillis, toTimestamp } from './kube-time.js';

/** At most this many events are read for one pod; a crash-looping pod's events are aggregated into far fewer. */
const EVENTS_LIMIT = 500;

export interface PodEventsOptions {
  maskSecrets: boolean;
}

/** The pod's events, newest first. */
export async function getPodEvents(
  gateway: KubeGateway,
  namespace: string,
  pod: string,
  options: PodEventsOptions,
): Promise<PodEvents> {
  const items = await gateway.listPodEvents(namespace, pod, EVENTS_LIMIT).catch((error: unknown) => {
    throw kubeErrorToAppError(error, { verb: 'list', resource: 'events', namespace });
  });
  const events = items
    .map((event) => ({ event, at: lastSeenMillis(event) }))
    .sort((a, b) => b.at - a.at)
    .map(({ event }) => mapEvent(event, options));
  return { namespace, pod, events };
}

/**
 * When an event last happened: a series' last observation, else lastTimestamp (core/v1 writers), else
 * eventTime (events.k8s.io/v1 writers such as the scheduler), else firstTimestamp.
 */
function lastSeen(event: CoreV1Event): Date | string | undefined {
  return event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp;
}

const lastSeenMillis = (event: CoreV1Event): number => toMillis(lastSeen(event));

function mapEvent(event: CoreV1Event, options: PodEventsOptions): PodEvent {
  const message = event.message ?? '';
  return {
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: options.maskSecrets ? maskLine(message) : message,
    count: event.series?.count ?? event.count ?? 1,
    first_seen: toTimestamp(event.firstTimestamp ?? event.eventTime),
    last_seen: toTimestamp(lastSeen(event)),
    source: {
      component: event.source?.component || event.reportingComponent || null,
      host: event.source?.host || event.reportingInstance || null,
    },
    field_path: event.involvedObject?.fieldPath ?? null,
    involved_kind: event.involvedObject?.kind ?? null,
  };
}
