import { Confidence, DiagnosisCategory, type EvidencePointer } from '@sre-orchestrator/contracts';
import { isAbout, quote } from '../facts.js';
import type { Candidate, DiagnosisContext, DiagnosisRule } from '../rule.js';
import { classifyProbeMessage } from './liveness-probe-failure-rule.js';

/**
 * A running container the kubelet keeps out of its Service's endpoints because its readiness probe
 * fails (Unhealthy "Readiness probe failed: ..."). It is not restarted; it just gets no traffic.
 */
export const readinessProbeFailureRule: DiagnosisRule = {
  name: 'readiness-probe-failure',
  category: DiagnosisCategory.ReadinessProbeFailure,
  analyze(context: DiagnosisContext): Candidate[] {
    const out: Candidate[] = [];
    for (const view of context.containers) {
      const name = view.info.name;
      const unhealthy = context.events.find(
        (e) =>
          e.recent &&
          isAbout(context, e, view) &&
          e.event.reason === 'Unhealthy' &&
          /^Readiness probe/i.test(e.event.message),
      );
      if (!unhealthy) continue;
      const probe = view.info.probes.readiness;
      const message = unhealthy.event.message.replace(/^Readiness probe failed:\s*/i, '');
      const notReady = view.info.state?.kind === 'running' && !view.info.ready;
      const evidence: EvidencePointer[] = [
        {
          source: 'event',
          ref: unhealthy.ref,
          detail: `Unhealthy x${unhealthy.event.count}: ${quote(unhealthy.event.message)}`,
        },
        { source: 'container_state', ref: `${view.ref}.ready`, detail: `running, ready=${view.info.ready}` },
      ];
      if (probe)
        evidence.push({
          source: 'spec',
          ref: `${view.ref}.probes.readiness`,
          detail: `${probe.handler}, timeout ${probe.timeout_seconds}s, failureThreshold ${probe.failure_threshold}`,
        });
      out.push({
        category: DiagnosisCategory.ReadinessProbeFailure,
        sub_cause: classifyProbeMessage(message),
        container: name,
        confidence: notReady ? Confidence.High : Confidence.Low,
        summary: notReady
          ? `Container ${name} is running but not ready, so it receives no traffic: its readiness probe${probe ? ` (${probe.handler})` : ''} fails (${unhealthy.event.count} times): ${quote(message, 200)}.`
          : `Container ${name}'s readiness probe failed ${unhealthy.event.count} times recently (${quote(message, 160)}), but it is ready now.`,
        primary: notReady,
        evidence,
        remediation: [
          `Check what the readiness endpoint reports and why: kubectl logs ${context.pod.name} -n ${context.pod.namespace} -c ${name}; a readiness check often fails while a dependency is down.`,
          'If the app is just slow to warm up, add a startupProbe or raise initialDelaySeconds / timeoutSeconds.',
          `Check the probe targets the right port and path: ${probe?.handler ?? '(no readiness probe in the spec)'}.`,
        ],
      });
    }
    return out;
  },
};
