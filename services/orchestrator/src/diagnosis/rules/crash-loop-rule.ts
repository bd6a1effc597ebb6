import { Confidence, DiagnosisCategory, type EvidencePointer } from '@sre-orchestrator/contracts';
import {
  containerRef,
  crashLogsFor,
  describeExitCode,
  eventsFor,
  isAbout,
  isRecent,
  lastTermination,
  quote,
  restartPhrase,
  workloadRef,
} from '../facts.js';
import { findDecisiveLines, isStackLine, LineTier, lineText, lineTier } from '../log-patterns.js';
import type { Candidate, ContainerView, DiagnosisContext, DiagnosisRule, LogView } from '../rule.js';

/** The decisive lines of a container's crash, from the crashed (previous) instance first. */
export function decisiveLogLines(
  context: DiagnosisContext,
  container: string,
): { log: LogView; indices: number[] } | null {
  for (const log of crashLogsFor(context, container)) {
    const { indices } = findDecisiveLines(log.logs.lines);
    if (indices.length > 0) return { log, indices };
  }
  return null;
}

/** Without an error-shaped line, the last thing the process said before exiting still helps. */
function lastLogLine(context: DiagnosisContext, container: string): { log: LogView; indices: number[] } | null {
  for (const log of crashLogsFor(context, container)) {
    const lines = log.logs.lines;
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i] ?? '';
      if (line.trim() !== '' && !isStackLine(line)) return { log, indices: [i] };
    }
  }
  return null;
}

export function logPointers(found: { log: LogView; indices: number[] } | null): EvidencePointer[] {
  if (!found) return [];
  return found.indices.map((i) => ({
    source: 'log',
    ref: `${found.log.ref}.lines[${i}]`,
    detail: quote(found.log.logs.lines[i] ?? ''),
  }));
}

function crashSubCause(code: number | null, signal: number | null): string | null {
  if (code === 0) return 'completed';
  if (code === 139 || signal === 11) return 'segfault';
  if (code === 137 || signal === 9) return 'sigkill';
  if (code === 134 || signal === 6) return 'abort';
  if (code === 143 || signal === 15) return 'sigterm';
  return code === null ? null : 'app_error';
}

/**
 * An application container that keeps exiting (CrashLoopBackOff, or terminated with an error).
 * The least specific cause: every more specific rule outranks it. It quotes the decisive log line,
 * from the previous instance when the current one has not logged yet.
 */
export const crashLoopRule: DiagnosisRule = {
  name: 'crash-loop',
  category: DiagnosisCategory.CrashLoop,
  analyze(context: DiagnosisContext): Candidate[] {
    // An evicted pod's containers were stopped by the kubelet, not by their own failure.
    if (context.pod.reason === 'Evicted') return [];
    const out: Candidate[] = [];
    for (const view of context.containers) {
      if (view.info.init && !view.info.sidecar) continue;
      const candidate = analyzeContainer(context, view);
      if (candidate) out.push(candidate);
    }
    return out;
  },
};

function analyzeContainer(context: DiagnosisContext, view: ContainerView): Candidate | null {
  const { state } = view.info;
  const name = view.info.name;
  const inBackOff = state?.kind === 'waiting' && state.reason === 'CrashLoopBackOff';
  const termination = lastTermination(view);
  const failedNow = state?.kind === 'terminated' && (state.exit_code ?? 1) !== 0;
  const restartedRecently =
    view.info.restart_count > 0 &&
    termination?.field === 'last_state' &&
    isRecent(context, termination.state.finished_at);
  const backOffEvent = eventsFor(context, name).find(
    (e) =>
      e.recent &&
      isAbout(context, e, view) &&
      e.event.reason === 'BackOff' &&
      /restarting failed container/i.test(e.event.message),
  );
  if (!inBackOff && !failedNow && !restartedRecently && !backOffEvent) {
    if (view.info.restart_count > 0 && termination && termination.state.exit_code !== 0) {
      return {
        category: DiagnosisCategory.CrashLoop,
        sub_cause: crashSubCause(termination.state.exit_code, termination.state.signal),
        container: name,
        confidence: Confidence.Low,
        summary: `Container ${name} restarted ${view.info.restart_count} times, the last time long ago (${describeExitCode(termination.state.exit_code, termination.state.signal)}); it has run normally since.`,
        primary: false,
        evidence: [
          {
            source: 'last_state',
            ref: containerRef(view, termination.field),
            detail: `finished ${termination.state.finished_at}`,
          },
        ],
        remediation: [],
      };
    }
    return null;
  }

  const code = termination?.state.exit_code ?? null;
  const signal = termination?.state.signal ?? null;
  const exitText = termination ? describeExitCode(code, signal) : 'an unknown exit code';
  const decisive = decisiveLogLines(context, name) ?? lastLogLine(context, name);
  const quoted = decisive?.indices.map((i) => decisive.log.logs.lines[i] ?? '').at(-1);
  const errorShaped = quoted !== undefined && lineTier(quoted) !== LineTier.None;
  const fromPrevious = decisive?.log.instance === 'previous' ? ' before its last restart' : '';
  const restarts = view.info.restart_count > 0 ? `, ${restartPhrase(context, view)}` : '';
  const reason =
    termination?.state.reason && !['Error', 'Completed'].includes(termination.state.reason)
      ? ` (${termination.state.reason})`
      : '';
  const summary = quoted
    ? `Container ${name} keeps exiting with ${exitText}${restarts}; ${errorShaped ? 'it logged' : 'its last log line'}${fromPrevious}${errorShaped ? '' : ' was'}: "${quote(lineText(quoted), 200)}".`
    : `Container ${name} keeps exiting with ${exitText}${reason}${restarts}; its logs show no error line${decisive === null && crashLogsFor(context, name).length === 0 ? ' (no logs were collected)' : ''}.`;
  const evidence: EvidencePointer[] = [];
  if (state)
    evidence.push({
      source: 'container_state',
      ref: `${view.ref}.state`,
      detail: `${state.kind}${state.reason ? `: ${state.reason}` : ''}`,
    });
  if (termination?.field === 'last_state') {
    evidence.push({
      source: 'last_state',
      ref: containerRef(view, 'last_state'),
      detail: `terminated: reason ${termination.state.reason ?? 'unknown'}, ${exitText}, finished ${termination.state.finished_at ?? 'unknown'}`,
    });
  }
  if (backOffEvent)
    evidence.push({
      source: 'event',
      ref: backOffEvent.ref,
      detail: `BackOff x${backOffEvent.event.count}: ${backOffEvent.event.message}`,
    });
  evidence.push(...logPointers(decisive));

  const sub = crashSubCause(code, signal);
  const remediation = [
    `Read the crashed instance's logs: kubectl logs ${context.pod.name} -n ${context.pod.namespace} -c ${name} --previous`,
    sub === 'completed'
      ? `The process exits 0 but the pod's restartPolicy is ${context.pod.restart_policy ?? 'Always'}: run it as a Job, or make it a long-running process.`
      : sub === 'segfault'
        ? 'The process crashed with a segmentation fault: check native libraries and the image architecture, and roll back to the last good image.'
        : `Fix the error the application reports, or roll back to the last working version (kubectl rollout undo ${workloadRef(context)} -n ${context.pod.namespace}).`,
    'Check recent changes to the image, its configuration (ConfigMaps, Secrets, env) and its arguments.',
  ];
  return {
    category: DiagnosisCategory.CrashLoop,
    sub_cause: sub,
    container: name,
    confidence: errorShaped ? Confidence.High : Confidence.Medium,
    summary,
    primary: true,
    evidence,
    remediation,
  };
}
