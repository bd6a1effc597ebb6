import type { ContainerState, EvidencePointer } from '@sre-orchestrator/contracts';
import type { ContainerView, DiagnosisContext, EventView, LogView } from './rule.js';

const SIGNAL_NAMES: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  4: 'SIGILL',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  13: 'SIGPIPE',
  15: 'SIGTERM',
};

/** What an exit code means, per the shell convention the container runtimes follow (128 + n = signal n). */
export function describeExitCode(code: number | null, signal?: number | null): string {
  if (signal) return `killed by signal ${SIGNAL_NAMES[signal] ?? signal}`;
  if (code === null) return 'an unknown exit code';
  if (code === 0) return 'exit code 0 (it finished, but the pod restarts it)';
  if (code === 126) return 'exit code 126 (command not executable: permission denied)';
  if (code === 127) return 'exit code 127 (command not found)';
  if (code > 128 && code < 160) {
    const name = SIGNAL_NAMES[code - 128];
    return `exit code ${code} (${name ?? `signal ${code - 128}`})`;
  }
  return `exit code ${code}`;
}

export function parseTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** `40 minutes`, `3 hours`, `2 days`: coarse on purpose, it is read by a human under pressure. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'less than a minute';
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}

export function isRecent(context: DiagnosisContext, timestamp: string | null | undefined): boolean {
  const ms = parseTime(timestamp);
  if (ms === null) return true;
  return context.now.getTime() - ms <= context.recentWindowMs;
}

const RESTART_EVENT_REASONS = ['BackOff', 'Killing', 'Started', 'Created', 'Pulled'];

/**
 * "6 times in 40 minutes": restarts over the time the pod has lived. For a pod older than the events
 * Kubernetes keeps (an hour), the first restart-related event about the container is the better start.
 */
export function restartPhrase(context: DiagnosisContext, view: ContainerView): string {
  const count = view.info.restart_count;
  const times = `${count} time${count === 1 ? '' : 's'}`;
  let start = parseTime(context.pod.start_time ?? context.pod.created_at);
  const nowMs = context.now.getTime();
  if (start === null || nowMs - start > context.recentWindowMs) {
    const firstEvent = context.events
      .filter((e) => RESTART_EVENT_REASONS.includes(e.event.reason) && isAbout(context, e, view))
      .map((e) => parseTime(e.event.first_seen))
      .filter((t): t is number => t !== null && t < nowMs)
      .sort((a, b) => a - b)[0];
    if (firstEvent !== undefined) start = start === null ? firstEvent : Math.max(start, firstEvent);
  }
  if (start === null) return times;
  return `${times} in ${formatDuration(nowMs - start)}`;
}

export function eventsFor(context: DiagnosisContext, container: string | null): EventView[] {
  return context.events.filter((e) => container === null || e.container === null || e.container === container);
}

/**
 * Whether an event is about a container: by its field path, or, when the event carries none (older
 * clusters, some reporters), because the pod has a single container or the message names it or its image.
 */
export function isAbout(context: DiagnosisContext, event: EventView, view: ContainerView): boolean {
  if (event.container !== null) return event.container === view.info.name;
  if (context.containers.length === 1) return true;
  const message = event.event.message;
  return mentionPattern(view).test(message) || message.includes(`"${view.info.image}"`);
}

/** `container app`, `containers{app}`: compiled once per container of a diagnosis, not once per event and rule. */
const mentionPatterns = new WeakMap<ContainerView, RegExp>();

function mentionPattern(view: ContainerView): RegExp {
  let pattern = mentionPatterns.get(view);
  if (pattern === undefined) {
    pattern = new RegExp(`\\b(?:container|containers?\\{)\\s*"?${escapeRegExp(view.info.name)}\\b`, 'i');
    mentionPatterns.set(view, pattern);
  }
  return pattern;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The instances of a container's logs in the order a human would read them for a crash: the
 * previous (crashed) instance first when one was fetched, since a restarted container's current
 * instance has usually not reached the failure yet.
 */
export function crashLogsFor(context: DiagnosisContext, container: string): LogView[] {
  const all = context.logs.filter((l) => l.container === container && l.logs.lines.length > 0);
  return [...all.filter((l) => l.instance === 'previous'), ...all.filter((l) => l.instance === 'current')];
}

/** The termination a container is known by: its current state when terminated, else its last state. */
export function lastTermination(view: ContainerView): { state: ContainerState; field: 'state' | 'last_state' } | null {
  if (view.info.state?.kind === 'terminated') return { state: view.info.state, field: 'state' };
  if (view.info.last_state?.kind === 'terminated') return { state: view.info.last_state, field: 'last_state' };
  return null;
}

/**
 * Whether the container is in trouble now: waiting on a failure, terminated with an error,
 * running but not ready, or terminated recently. A container that restarted days ago and has been
 * fine since is not.
 */
export function isTroubled(context: DiagnosisContext, view: ContainerView): boolean {
  const { state, last_state: last, init, sidecar, ready } = view.info;
  if (state?.kind === 'waiting' && state.reason !== 'PodInitializing') return true;
  if (state?.kind === 'terminated') {
    // A regular init container that finished with 0 did its job.
    if (init && !sidecar && state.exit_code === 0) return false;
    if (!init && state.exit_code === 0 && context.pod.restart_policy !== 'Always') return false;
    return true;
  }
  if (state?.kind === 'running' && !ready && (!init || sidecar)) return true;
  if (last?.kind === 'terminated' && isRecent(context, last.finished_at)) return true;
  return false;
}

export function containerRef(view: ContainerView, field: 'state' | 'last_state'): string {
  return `${view.ref}.${field}`;
}

/** The pointer to a container's termination: its current state (`container_state`) or its last one (`last_state`). */
export function terminationPointer(
  view: ContainerView,
  termination: { field: 'state' | 'last_state' },
  detail: string,
): EvidencePointer {
  return {
    source: termination.field === 'state' ? 'container_state' : 'last_state',
    ref: containerRef(view, termination.field),
    detail,
  };
}

/** `memory limit 256Mi`, or null when no limit is set. */
export function limitOf(view: ContainerView, resource: string): string | null {
  return view.info.resources.limits[resource] ?? null;
}

export function shortImage(image: string): string {
  return image.replace(/@sha256:[0-9a-f]{12,}$/, '@sha256:…');
}

export function quote(line: string, max = 240): string {
  // Kubelet messages can span lines (mount output); a summary is one line.
  const trimmed = line.replace(/\s+/g, ' ').trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

/**
 * The object to act on in a kubectl command: the pod's top-level controller (`deployment/checkout-api`,
 * `statefulset/postgres`), or a placeholder when the pod has none or it is not known.
 */
export function workloadRef(context: DiagnosisContext): string {
  const controller = context.pod.controller;
  return controller ? `${controller.kind.toLowerCase()}/${controller.name}` : 'deployment/<name>';
}
