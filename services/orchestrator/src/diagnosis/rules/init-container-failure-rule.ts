import { Confidence, DiagnosisCategory, type EvidencePointer } from '@sre-orchestrator/contracts';
import { describeExitCode, formatDuration, lastTermination, parseTime, quote, terminationPointer } from '../facts.js';
import type { Candidate, DiagnosisContext, DiagnosisRule } from '../rule.js';
import { decisiveLogLines, logPointers } from './crash-loop-rule.js';

/** An init container running longer than this while the pod waits is stuck, not slow. */
const STUCK_AFTER_MS = 10 * 60 * 1000;

/**
 * A regular init container that fails (exits non-zero, Init:CrashLoopBackOff) or never finishes,
 * so the app containers never start. Native sidecars (restartPolicy Always) are app containers here.
 */
export const initContainerFailureRule: DiagnosisRule = {
  name: 'init-container-failure',
  category: DiagnosisCategory.InitContainerFailure,
  analyze(context: DiagnosisContext): Candidate[] {
    const out: Candidate[] = [];
    for (const view of context.containers) {
      if (!view.info.init || view.info.sidecar) continue;
      const name = view.info.name;
      const state = view.info.state;
      const termination = lastTermination(view);
      const failing =
        (state?.kind === 'waiting' && state.reason === 'CrashLoopBackOff') ||
        (state?.kind === 'terminated' && state.exit_code !== 0) ||
        (state?.kind !== 'terminated' && termination?.field === 'last_state' && termination.state.exit_code !== 0);
      const startedMs = parseTime(state?.kind === 'running' ? state.started_at : null);
      const runningFor = startedMs === null ? 0 : context.now.getTime() - startedMs;
      const stuck = state?.kind === 'running' && runningFor > STUCK_AFTER_MS && context.pod.phase === 'Pending';
      if (!failing && !stuck) continue;

      const decisive = decisiveLogLines(context, name);
      const line = decisive?.indices.map((i) => decisive.log.logs.lines[i] ?? '').at(-1);
      const evidence: EvidencePointer[] = [];
      if (state)
        evidence.push({
          source: 'container_state',
          ref: `${view.ref}.state`,
          detail: `${state.kind}${state.reason ? `: ${state.reason}` : ''}`,
        });
      if (termination)
        evidence.push(
          terminationPointer(
            view,
            termination,
            `terminated: ${termination.state.reason ?? ''}, exit code ${termination.state.exit_code}`,
          ),
        );
      evidence.push(...logPointers(decisive));
      const waiting = context.containers.filter((c) => !c.info.init || c.info.sidecar).map((c) => c.info.name);
      const blocked = waiting.length > 0 ? `, so ${waiting.join(', ')} cannot start` : '';
      const summary = stuck
        ? `Init container ${name} has been running for ${formatDuration(runningFor)} without finishing${blocked}${line ? `; it last logged: "${quote(line, 180)}"` : ''}.`
        : `Init container ${name} fails with ${describeExitCode(termination?.state.exit_code ?? null, termination?.state.signal)}${view.info.restart_count > 0 ? ` (${view.info.restart_count} restarts)` : ''}${blocked}${line ? `; it logged: "${quote(line, 180)}"` : ''}.`;
      out.push({
        category: DiagnosisCategory.InitContainerFailure,
        sub_cause: stuck ? 'stuck' : null,
        container: name,
        confidence: line || !stuck ? Confidence.High : Confidence.Medium,
        summary,
        primary: true,
        evidence,
        remediation: [
          `Read its logs: kubectl logs ${context.pod.name} -n ${context.pod.namespace} -c ${name}${termination?.field === 'last_state' ? ' --previous' : ''}`,
          stuck
            ? 'An init container that waits for something (a database, a migration lock) needs that thing up; give it a timeout so it fails visibly.'
            : 'Fix what the init step does (migration, config rendering, permissions); the app containers start only after every init container exits 0.',
        ],
      });
    }
    return out;
  },
};
