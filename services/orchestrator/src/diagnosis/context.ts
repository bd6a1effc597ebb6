import type { Evidence, PodDetails } from '@sre-orchestrator/contracts';
import type { KnowledgeGraph } from '../knowledge-graph/index.js';
import { parseTime } from './facts.js';
import type { DiagnosisContext, EventView, LogView } from './rule.js';

/** Restarts, terminations and events older than this are history rather than the incident at hand. */
export const DEFAULT_RECENT_WINDOW_MS = 60 * 60 * 1000;

/**
 * "Now" for a diagnosis: the injected clock, else when the evidence was collected, else the latest
 * timestamp in the evidence. Never the wall clock, so the same evidence always gives the same answer.
 */
export function resolveNow(evidence: Evidence, now?: Date): Date {
  if (now) return now;
  const collected = parseTime(evidence.collected_at);
  if (collected !== null) return new Date(collected);
  let latest = 0;
  const consider = (value: string | null | undefined) => {
    const ms = parseTime(value);
    if (ms !== null && ms > latest) latest = ms;
  };
  const pod = evidence.pod_details;
  consider(pod?.start_time);
  consider(pod?.created_at);
  for (const c of pod?.containers ?? []) {
    consider(c.state?.started_at);
    consider(c.state?.finished_at);
    consider(c.last_state?.finished_at);
  }
  for (const e of evidence.pod_events?.events ?? []) consider(e.last_seen);
  return new Date(latest);
}

const FIELD_PATH_CONTAINER = /^spec\.(?:initContainers|containers|ephemeralContainers)\{([^}]+)\}/;

export function buildContext(
  evidence: Evidence,
  pod: PodDetails,
  options: { now: Date; graph: KnowledgeGraph | null; recentWindowMs?: number },
): DiagnosisContext {
  const recentWindowMs = options.recentWindowMs ?? DEFAULT_RECENT_WINDOW_MS;
  const nowMs = options.now.getTime();
  const events: EventView[] = (evidence.pod_events?.events ?? []).map((event, index) => {
    const lastSeen = parseTime(event.last_seen ?? event.first_seen);
    return {
      event,
      ref: `pod_events.events[${index}]`,
      container: FIELD_PATH_CONTAINER.exec(event.field_path ?? '')?.[1] ?? null,
      recent: lastSeen === null || nowMs - lastSeen <= recentWindowMs,
    };
  });
  const logs: LogView[] = [];
  for (const [container, entry] of Object.entries(evidence.pod_logs ?? {})) {
    for (const instance of ['previous', 'current'] as const) {
      const log = entry[instance];
      if (log) logs.push({ container, instance, logs: log, ref: `pod_logs.${container}.${instance}` });
    }
  }
  return {
    evidence,
    pod,
    now: options.now,
    recentWindowMs,
    graph: options.graph,
    component: options.graph?.componentForPod(pod) ?? null,
    containers: pod.containers.map((info) => ({ info, ref: `pod_details.containers[${info.name}]` })),
    events,
    logs,
  };
}
