import type { V1ContainerStatus, V1Pod } from '@kubernetes/client-node';
import { DEFAULT_CONTAINER_ANNOTATION } from './pod-details-mapper.js';

/** Why a container's logs were returned: what `container_selection` reports. */
export const ContainerSelection = {
  Requested: 'requested',
  Annotation: 'annotation',
  Failing: 'failing',
  First: 'first',
  Only: 'only',
} as const;
export type ContainerSelection = (typeof ContainerSelection)[keyof typeof ContainerSelection];

export interface SelectedContainer {
  name: string;
  selection: ContainerSelection;
}

// Waiting reasons that mean the container is not merely starting (ContainerCreating, PodInitializing).
const BENIGN_WAITING = new Set(['ContainerCreating', 'PodInitializing']);

/**
 * Picks the container an SRE would look at when the request names none: the one kubectl would default to
 * by annotation, else the one that is failing (waiting with an error reason, terminated non-zero, or
 * restarting), app containers before init containers unless only an init container is failing, else the
 * first app container. Null when the pod has no containers at all.
 */
export function selectContainer(pod: V1Pod): SelectedContainer | null {
  const apps = pod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];
  const all = [...apps, ...inits];
  if (all.length === 0) return null;
  if (apps.length === 1 && inits.length === 0 && apps[0])
    return { name: apps[0].name, selection: ContainerSelection.Only };

  const annotated = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && all.some((c) => c.name === annotated)) {
    return { name: annotated, selection: ContainerSelection.Annotation };
  }

  const failingApp = mostFailing(
    pod.status?.containerStatuses ?? [],
    apps.map((c) => c.name),
  );
  if (failingApp) return { name: failingApp, selection: ContainerSelection.Failing };
  const failingInit = mostFailing(
    pod.status?.initContainerStatuses ?? [],
    inits.map((c) => c.name),
  );
  if (failingInit) return { name: failingInit, selection: ContainerSelection.Failing };

  const first = apps[0] ?? inits[0];
  return first ? { name: first.name, selection: ContainerSelection.First } : null;
}

/** The failing container with the highest score (spec order breaks ties); null when none is failing. */
function mostFailing(statuses: V1ContainerStatus[], specOrder: string[]): string | null {
  let best: { name: string; score: number; order: number } | null = null;
  for (const status of statuses) {
    const score = failureScore(status);
    const order = specOrder.indexOf(status.name);
    if (score <= 0 || order < 0) continue;
    if (!best || score > best.score || (score === best.score && order < best.order)) {
      best = { name: status.name, score, order };
    }
  }
  return best?.name ?? null;
}

/**
 * How loudly a container is failing: a current error state counts most, then restarts. Zero when healthy.
 * Restarts are capped in the score so a container failing right now outranks one that restarted long ago.
 */
function failureScore(status: V1ContainerStatus): number {
  const waitingReason = status.state?.waiting?.reason;
  const terminated = status.state?.terminated;
  let score = 0;
  if (waitingReason && !BENIGN_WAITING.has(waitingReason)) score += 1000;
  if (terminated && terminated.exitCode !== 0) score += 1000;
  if (status.lastState?.terminated && status.lastState.terminated.exitCode !== 0) score += 100;
  score += Math.min(status.restartCount ?? 0, 99);
  return score;
}
