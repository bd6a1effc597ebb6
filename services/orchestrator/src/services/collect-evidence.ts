import type {
  ContainerInfo,
  Evidence,
  EvidenceError,
  PodDetails,
  PodEvents,
  PodLogs,
} from '@sre-orchestrator/contracts';
import { AgentError, AgentErrorKind, AgentNotFoundError } from './agent-errors.js';
import type { K8sAgentClient } from './k8s-agent-client.js';

/** The subset of the agent client an investigation uses, so any implementation of it will do. */
export type EvidenceSource = Pick<K8sAgentClient, 'getPodDetails' | 'getPodLogs' | 'getPodEvents'>;

export interface CollectEvidenceInput {
  namespace: string;
  pod: string;
  /** A container the description named; its logs are fetched whatever its state. */
  container?: string | null | undefined;
  /** Log lines asked for per container instance. */
  tailLines: number;
  /** Log bytes asked for per container instance (the agent cuts the oldest lines beyond it). */
  limitBytes?: number | undefined;
  requestId?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Containers whose logs are fetched, at most (the default one included). */
  maxLogContainers?: number;
}

export const CollectionOutcome = {
  /** Some evidence was collected; `evidence.errors` lists what could not be. */
  Collected: 'collected',
  /** The agent answered that the pod does not exist: a finding, not a failure. */
  PodNotFound: 'pod_not_found',
  /** RBAC denied every read: a finding about the agent's permissions, not a failure of the run. */
  AccessDenied: 'access_denied',
  /** Nothing at all could be collected (agent or cluster unreachable, timeouts); `reason` says why. */
  NothingCollected: 'nothing_collected',
} as const;
export type CollectionOutcome = (typeof CollectionOutcome)[keyof typeof CollectionOutcome];

export interface CollectionResult {
  outcome: CollectionOutcome;
  /** For NothingCollected: the explanation recorded as the incident's error. */
  reason?: string;
}

const DEFAULT_MAX_LOG_CONTAINERS = 4;

/**
 * Gathers a pod's details, events and logs from the agent, writing into `evidence` as answers
 * arrive so that whatever was collected survives a deadline. Details, events and the default
 * container's logs are asked for at once; once the details show which containers restarted or
 * are failing, their current logs and their previous instance's logs (where a crash is written)
 * follow, in parallel. A failed call is recorded in `evidence.errors` and collection goes on.
 */
export async function collectEvidence(
  source: EvidenceSource,
  input: CollectEvidenceInput,
  evidence: Evidence,
): Promise<CollectionResult> {
  const { namespace, pod } = input;
  const call = { requestId: input.requestId, signal: input.signal };
  const errors: EvidenceError[] = [];
  evidence.errors = errors;
  const logs: Record<string, { current?: PodLogs; previous?: PodLogs }> = {};

  const recordLogs = (answer: PodLogs) => {
    const slot = logs[answer.container] ?? {};
    slot[answer.previous ? 'previous' : 'current'] = answer;
    logs[answer.container] = slot;
    evidence.pod_logs = logs;
  };
  const fetchLogs = async (container: string | undefined, previous: boolean) => {
    try {
      recordLogs(
        await source.getPodLogs(namespace, pod, {
          ...call,
          ...(container === undefined ? {} : { container }),
          tail: input.tailLines,
          ...(input.limitBytes === undefined ? {} : { limitBytes: input.limitBytes }),
          ...(previous ? { previous: true } : {}),
        }),
      );
    } catch (error) {
      errors.push(toEvidenceError(error, 'pod_logs', { container, previous }));
    }
  };

  const [details] = await Promise.all([
    settle(source.getPodDetails(namespace, pod, call)),
    source.getPodEvents(namespace, pod, call).then(
      (events: PodEvents) => {
        evidence.pod_events = events;
      },
      (error: unknown) => {
        // For a pod that does not exist a 404 here says nothing the details do not.
        if (!(error instanceof AgentNotFoundError)) errors.push(toEvidenceError(error, 'pod_events'));
      },
    ),
    // The agent picks the container to read (annotation, failing, first) when none is named.
    fetchLogs(input.container ?? undefined, false),
  ]);

  if (!details.ok) {
    if (details.error instanceof AgentNotFoundError) {
      removeNotFoundLogErrors(errors);
      errors.push(toEvidenceError(details.error, 'pod_details'));
      evidence.finding = `pod ${pod} not found in namespace ${namespace}`;
      return { outcome: CollectionOutcome.PodNotFound };
    }
    errors.push(toEvidenceError(details.error, 'pod_details'));
  } else {
    evidence.pod_details = details.value;
    const max = input.maxLogContainers ?? DEFAULT_MAX_LOG_CONTAINERS;
    const fetched = new Set(Object.keys(logs));
    for (const e of errors) if (e.source === 'pod_logs' && e.container) fetched.add(e.container);
    const plan = planLogFetches(details.value, fetched, max, input.container ?? undefined);
    await Promise.all(plan.map(({ container, previous }) => fetchLogs(container, previous)));
  }

  if (evidence.pod_details || evidence.pod_events || Object.keys(logs).length > 0) {
    return { outcome: CollectionOutcome.Collected };
  }
  const denied = errors.find((e) => e.kind === AgentErrorKind.Forbidden);
  if (denied) {
    evidence.finding = `the k8s-agent is not allowed to read pod ${pod} in namespace ${namespace}: ${denied.message}`;
    return { outcome: CollectionOutcome.AccessDenied };
  }
  return { outcome: CollectionOutcome.NothingCollected, reason: explainNothingCollected(errors) };
}

/** Whether a container's current or past state shows it crashing, restarting or failing to start. */
function isTroubled(container: ContainerInfo): boolean {
  if (container.restart_count > 0) return true;
  if (container.last_state?.kind === 'terminated') return true;
  const state = container.state;
  if (state?.kind === 'waiting' && state.reason === 'CrashLoopBackOff') return true;
  // An init container that exited non-zero blocks the pod; its output says why.
  if (state?.kind === 'terminated' && (state.exit_code ?? 0) !== 0) return true;
  return false;
}

/** Whether the container has (or had) an instance whose logs can be read. */
function hasRun(container: ContainerInfo): boolean {
  return container.state?.kind === 'running' || container.state?.kind === 'terminated' || container.restart_count > 0;
}

function hasPreviousInstance(container: ContainerInfo): boolean {
  return container.restart_count > 0 || container.last_state?.kind === 'terminated';
}

/**
 * Which further logs to read: for each troubled container (init containers first, as the details
 * list them), its current logs unless already read, and its previous instance's logs when it
 * restarted. At most `max` containers get logs in all.
 */
function planLogFetches(
  details: PodDetails,
  alreadyFetched: ReadonlySet<string>,
  max: number,
  namedContainer?: string,
): Array<{ container: string; previous: boolean }> {
  const plan: Array<{ container: string; previous: boolean }> = [];
  const containers = new Set(alreadyFetched);
  const named = namedContainer ? details.containers.find((c) => c.name === namedContainer) : undefined;
  const candidates = [...(named ? [named] : []), ...details.containers.filter(isTroubled)];
  for (const container of candidates) {
    const known = containers.has(container.name);
    if (!known && containers.size >= max) continue;
    containers.add(container.name);
    const alreadyPlanned = plan.some((p) => p.container === container.name);
    if (alreadyPlanned) continue;
    if (!known && hasRun(container)) plan.push({ container: container.name, previous: false });
    if (hasPreviousInstance(container)) plan.push({ container: container.name, previous: true });
  }
  return plan;
}

function toEvidenceError(
  error: unknown,
  source: string,
  where: { container?: string | undefined; previous?: boolean } = {},
): EvidenceError {
  const base = {
    source,
    ...(where.container === undefined ? {} : { container: where.container }),
    ...(where.previous ? { previous: true } : {}),
  };
  if (error instanceof AgentError) return { ...base, code: error.status, kind: error.kind, message: error.message };
  return { ...base, code: 0, kind: AgentErrorKind.Protocol, message: (error as Error)?.message ?? String(error) };
}

function explainNothingCollected(errors: EvidenceError[]): string {
  const first = errors.find((e) => e.source === 'pod_details') ?? errors[0];
  if (!first) return 'no evidence could be collected';
  const unreachable = errors.every((e) => e.code === 0 && e.kind === AgentErrorKind.Unavailable);
  if (unreachable) return `k8s-agent unreachable, no evidence collected: ${first.message}`;
  return `no evidence could be collected (${first.kind}): ${first.message}`;
}

function removeNotFoundLogErrors(errors: EvidenceError[]): void {
  for (let i = errors.length - 1; i >= 0; i--) {
    if (errors[i]?.source === 'pod_logs' && errors[i]?.kind === AgentErrorKind.NotFound) errors.splice(i, 1);
  }
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}
