import { Confidence, DiagnosisCategory, type EvidencePointer } from '@sre-orchestrator/contracts';
import { isAbout, quote, restartPhrase } from '../facts.js';
import type { Candidate, DiagnosisContext, DiagnosisRule } from '../rule.js';

/** What a probe failure message says about the endpoint. */
export function classifyProbeMessage(message: string): string | null {
  if (/statuscode: \d+|status code \d+|HTTP probe failed/i.test(message)) return 'http_error';
  if (/deadline exceeded|timeout|timed out/i.test(message)) return 'timeout';
  if (/connection refused|connect: /i.test(message)) return 'connection_refused';
  if (/command .* exited|exit code|OCI runtime exec/i.test(message)) return 'exec_failed';
  return null;
}

/**
 * A container the kubelet restarts because its liveness (or startup) probe fails: Unhealthy
 * "Liveness probe failed: ..." and Killing "failed liveness probe, will be restarted". The exit
 * code (137/143) is the kubelet's kill, not the application's crash.
 */
export const livenessProbeFailureRule: DiagnosisRule = {
  name: 'liveness-probe-failure',
  category: DiagnosisCategory.LivenessProbeFailure,
  analyze(context: DiagnosisContext): Candidate[] {
    const out: Candidate[] = [];
    for (const view of context.containers) {
      const name = view.info.name;
      const mine = context.events.filter((e) => e.recent && isAbout(context, e, view));
      const unhealthy = mine.find(
        (e) => e.event.reason === 'Unhealthy' && /^(Liveness|Startup) probe/i.test(e.event.message),
      );
      const killing = mine.find(
        (e) => e.event.reason === 'Killing' && /failed (liveness|startup) probe/i.test(e.event.message),
      );
      if (!unhealthy && !killing) continue;
      const startup = /startup/i.test(`${unhealthy?.event.message ?? ''} ${killing?.event.message ?? ''}`);
      const probe = startup ? view.info.probes.startup : view.info.probes.liveness;
      const probeMessage = unhealthy?.event.message.replace(/^(Liveness|Startup) probe failed:\s*/i, '') ?? '';
      const restarted = view.info.restart_count > 0 || killing !== undefined;
      const evidence: EvidencePointer[] = [];
      if (unhealthy)
        evidence.push({
          source: 'event',
          ref: unhealthy.ref,
          detail: `Unhealthy x${unhealthy.event.count}: ${quote(unhealthy.event.message)}`,
        });
      if (killing)
        evidence.push({ source: 'event', ref: killing.ref, detail: `Killing: ${quote(killing.event.message)}` });
      if (view.info.last_state?.kind === 'terminated') {
        evidence.push({
          source: 'last_state',
          ref: `${view.ref}.last_state`,
          detail: `terminated: ${view.info.last_state.reason}, exit code ${view.info.last_state.exit_code}`,
        });
      }
      if (probe)
        evidence.push({
          source: 'spec',
          ref: `${view.ref}.probes.${startup ? 'startup' : 'liveness'}`,
          detail: `${probe.handler}, timeout ${probe.timeout_seconds}s, period ${probe.period_seconds}s, failureThreshold ${probe.failure_threshold}`,
        });
      const kind = startup ? 'startup' : 'liveness';
      const probeText = probe
        ? ` (${probe.handler}, timeout ${probe.timeout_seconds}s, failureThreshold ${probe.failure_threshold})`
        : '';
      out.push({
        category: DiagnosisCategory.LivenessProbeFailure,
        sub_cause: startup ? 'startup_probe' : classifyProbeMessage(probeMessage),
        container: name,
        confidence: restarted ? Confidence.High : Confidence.Medium,
        summary: `Container ${name} ${restarted ? `is being restarted by the kubelet because its ${kind} probe fails${view.info.restart_count > 0 ? ` (${restartPhrase(context, view)})` : ''}` : `is failing its ${kind} probe and will be restarted`}: ${quote(probeMessage || (killing?.event.message ?? ''), 200)}${probeText}.`,
        primary: true,
        evidence,
        remediation: [
          startup
            ? `The app starts slower than the startup probe allows: raise failureThreshold × periodSeconds of ${name}'s startup probe, or speed up start-up.`
            : `Find why ${probe?.handler ?? 'the probe endpoint'} fails or is slow: the logs just before each kill (kubectl logs ${context.pod.name} -c ${name} --previous), CPU throttling, GC pauses, a blocked event loop.`,
          "Make the liveness check cheap and local (no calls to databases or other services) and give it a timeoutSeconds above the endpoint's worst latency.",
        ],
      });
    }
    return out;
  },
};
