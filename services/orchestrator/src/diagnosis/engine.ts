import {
  Confidence,
  type Diagnosis,
  DiagnosisCategory,
  type EvidencePointer,
  type Finding,
} from '@sre-orchestrator/contracts';
import { KnowledgeGraph } from '../knowledge-graph/index.js';
import { buildContext, resolveNow } from './context.js';
import { formatDuration, isTroubled, parseTime } from './facts.js';
import { CATEGORY_PRIORITY, defaultRules } from './registry.js';
import type { Candidate, DiagnosisContext, DiagnosisRule } from './rule.js';
import type { DiagnoseInput, DiagnoseResult } from './types.js';

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

function priorityOf(candidate: Candidate): number {
  const index = CATEGORY_PRIORITY.indexOf(candidate.category);
  return index < 0 ? CATEGORY_PRIORITY.length : index;
}

/** Most specific category first, then stronger evidence, then the order the rules produced them. */
export function rankCandidates(candidates: readonly Candidate[]): Candidate[] {
  return candidates
    .map((candidate, order) => ({ candidate, order }))
    .sort(
      (a, b) =>
        Number(b.candidate.primary) - Number(a.candidate.primary) ||
        priorityOf(a.candidate) - priorityOf(b.candidate) ||
        CONFIDENCE_RANK[b.candidate.confidence] - CONFIDENCE_RANK[a.candidate.confidence] ||
        a.order - b.order,
    )
    .map(({ candidate }) => candidate);
}

function toFinding(candidate: Candidate): Finding {
  return {
    category: candidate.category,
    summary: candidate.summary,
    confidence: candidate.confidence,
    container: candidate.container,
    sub_cause: candidate.sub_cause,
  };
}

/** One finding per (category, container, sub-cause): several rules may notice the same thing. */
function otherFindings(ranked: readonly Candidate[], winner: Candidate | null): Finding[] {
  const key = (c: Candidate) => `${c.category}|${c.container ?? ''}|${c.sub_cause ?? ''}`;
  const seen = new Set<string>(winner ? [key(winner)] : []);
  const out: Finding[] = [];
  for (const candidate of ranked) {
    if (candidate === winner || seen.has(key(candidate))) continue;
    seen.add(key(candidate));
    out.push(toFinding(candidate));
  }
  return out;
}

function result(diagnosis: Diagnosis): DiagnoseResult {
  return {
    diagnosis,
    suggested_root_cause: diagnosis.summary,
    confidence_score: diagnosis.confidence,
  };
}

function bare(
  category: DiagnosisCategory,
  summary: string,
  confidence: Confidence,
  evidence: EvidencePointer[],
  remediation: string[],
): Diagnosis {
  return {
    category,
    sub_cause: null,
    container: null,
    summary,
    confidence,
    evidence,
    remediation,
    other_findings: [],
    component: null,
    dependency: null,
  };
}

/** Diagnoses without a pod to look at: not found, not identified, or not collected. */
function diagnoseWithoutPod(input: DiagnoseInput): DiagnoseResult {
  const { evidence, entities } = input;
  const errors = evidence.errors ?? [];
  const detailsError = errors.find((e) => e.source === 'pod_details' || e.source === 'pod');
  const target = entities?.pod_name
    ? `${entities.namespace ? `${entities.namespace}/` : ''}${entities.pod_name}`
    : null;
  const findingSaysNotFound = /not found|does not exist|no such pod/i.test(evidence.finding ?? '');
  const notFound = detailsError !== undefined && (detailsError.kind === 'not_found' || detailsError.code === 404);
  if (notFound || (detailsError === undefined && findingSaysNotFound)) {
    const what = target ? `Pod ${target}` : 'The pod';
    return result(
      bare(
        DiagnosisCategory.PodNotFound,
        `${what} was not found: ${detailsError?.message ?? evidence.finding}. It may have been deleted or replaced (pods of a Deployment get new names), or the name or namespace is wrong.`,
        Confidence.High,
        [
          {
            source: detailsError ? 'error' : 'finding',
            ref: detailsError ? `errors[${errors.indexOf(detailsError)}]` : 'finding',
            detail: detailsError?.message ?? evidence.finding ?? '',
          },
        ],
        [
          `List the current pods: kubectl get pods -n ${entities?.namespace ?? '<namespace>'} -o wide`,
          'If it belonged to a workload, investigate the pod that replaced it (same name prefix).',
          `Check the namespace: the pod may live in another one (kubectl get pods -A | grep ${entities?.pod_name ?? '<name>'}).`,
        ],
      ),
    );
  }
  if (!entities?.pod_name && detailsError === undefined) {
    return result(
      bare(
        DiagnosisCategory.Unknown,
        'No pod could be identified from the description, so no Kubernetes evidence was collected. Name the pod (and its namespace) in the report.',
        Confidence.Low,
        [],
        ['Re-submit the incident naming the pod, e.g. "Pod cart-7d9f8-x2x9k in namespace shop is crash looping".'],
      ),
    );
  }
  const why = detailsError
    ? `its details could not be fetched (${detailsError.kind}, HTTP ${detailsError.code}: ${detailsError.message})`
    : 'no pod details were collected';
  return result(
    bare(
      DiagnosisCategory.Unknown,
      `Cannot diagnose ${target ? `pod ${target}` : 'the pod'}: ${why}. Missing: pod details (container states, restarts, exit codes), which every rule needs.`,
      Confidence.Low,
      detailsError
        ? [{ source: 'error', ref: `errors[${errors.indexOf(detailsError)}]`, detail: detailsError.message }]
        : [],
      [
        detailsError?.kind === 'forbidden'
          ? "Grant the k8s-agent's service account get/list on pods in this namespace."
          : 'Check that the k8s-agent is running and can reach the Kubernetes API, then re-run the investigation.',
      ],
    ),
  );
}

/** What is missing or looks wrong when no rule concluded anything, for `unknown`. */
function describeGaps(context: DiagnosisContext): { summary: string; pointers: EvidencePointer[] } {
  const gaps: string[] = [];
  const errors = context.evidence.errors ?? [];
  for (const error of errors) {
    const what =
      error.source === 'pod_logs'
        ? `${error.previous ? 'previous ' : ''}logs of ${error.container ?? 'a container'}`
        : error.source.replace('pod_', '');
    gaps.push(`${what} could not be collected (${error.kind})`);
  }
  if (!context.evidence.pod_events && !errors.some((e) => e.source === 'pod_events'))
    gaps.push('no events were collected');
  else if (context.evidence.pod_events && context.events.length === 0)
    gaps.push('the pod has no events (they expire after an hour)');
  if (context.logs.length === 0 && !errors.some((e) => e.source === 'pod_logs')) gaps.push('no logs were collected');
  const troubled = context.containers.filter((c) => isTroubled(context, c));
  const state = troubled.map((c) => {
    const s = c.info.state;
    return `${c.info.name} is ${s ? `${s.kind}${s.reason ? ` (${s.reason})` : ''}` : 'in an unknown state'}${c.info.ready ? '' : ', not ready'}`;
  });
  const observed = state.length > 0 ? `${state.join('; ')}` : `the pod is ${context.pod.phase}`;
  return {
    summary: `The evidence does not support a conclusion: ${observed}, but no event, exit code or log line explains why${gaps.length > 0 ? `; ${gaps.join('; ')}` : ''}.`,
    pointers: troubled.map((c) => ({
      source: 'container_state',
      ref: `${c.ref}.state`,
      detail: `${c.info.name}: ${c.info.state?.kind ?? 'unknown'} ${c.info.state?.reason ?? ''}`.trim(),
    })),
  };
}

/** Running (or finished) with every container ready, nothing restarted or warned recently. */
function healthyDiagnosis(context: DiagnosisContext): Diagnosis | null {
  const { pod } = context;
  const appContainers = context.containers.filter((c) => !c.info.init || c.info.sidecar);
  if (pod.phase === 'Succeeded') {
    const failed = context.containers.find((c) => c.info.state?.kind === 'terminated' && c.info.state.exit_code !== 0);
    if (failed) return null;
  } else if (pod.phase !== 'Running') {
    return null;
  }
  if (context.containers.some((c) => isTroubled(context, c))) return null;
  if (pod.phase === 'Running' && appContainers.some((c) => !c.info.ready)) return null;
  // Warnings no rule turned into a cause (a readiness blip while starting) do not make a ready pod sick,
  // but they make the verdict less certain.
  const warnings = context.events.filter((e) => e.event.type === 'Warning' && e.recent);

  const windowText = formatDuration(context.recentWindowMs);
  const restarts = context.containers.reduce((n, c) => n + c.info.restart_count, 0);
  const lastRestart = context.containers
    .map((c) => parseTime(c.info.last_state?.finished_at))
    .filter((t): t is number => t !== null)
    .sort((a, b) => b - a)[0];
  const history =
    restarts === 0
      ? 'no container has restarted'
      : `${restarts === 1 ? 'its 1 restart is' : `its ${restarts} restarts are`} ${lastRestart ? `older than ${windowText} (last ${formatDuration(context.now.getTime() - lastRestart)} ago)` : 'are not recent'}`;
  const logCount = new Set(context.logs.map((l) => l.container)).size;
  const missing = (context.evidence.errors ?? []).length > 0 || !context.evidence.pod_events || warnings.length > 0;
  const names = appContainers.map((c) => c.info.name).join(', ');
  const summary =
    pod.phase === 'Succeeded'
      ? `Pod ${pod.name} completed successfully (phase Succeeded, every container exited 0); no Warning events in the last ${windowText}.`
      : `Pod ${pod.name} looks healthy: Running with ${appContainers.length === 1 ? 'its container' : `all ${appContainers.length} containers`} ready (${names}), ${history}, and ${warnings.length === 0 ? 'no' : `only ${warnings.length} transient`} Warning event${warnings.length === 1 ? '' : 's'} in the last ${windowText}. Checked: phase, container states and readiness, restart counts and last terminations, ${context.events.length} events, logs of ${logCount} container${logCount === 1 ? '' : 's'}.`;
  return bare(
    DiagnosisCategory.Healthy,
    summary,
    missing ? Confidence.Medium : Confidence.High,
    [
      { source: 'pod_status', ref: 'pod_details.phase', detail: `phase ${pod.phase}` },
      ...appContainers.map((c) => ({
        source: 'container_state',
        ref: `${c.ref}.state`,
        detail: `${c.info.name}: ${c.info.state?.kind ?? 'unknown'}, ready=${c.info.ready}, restarts=${c.info.restart_count}`,
      })),
    ],
    [
      'If the problem persists, it may be outside this pod: check its Service endpoints, ingress, and the components it depends on.',
      'Re-run the investigation while the problem is happening; events expire after an hour.',
    ],
  );
}

function componentRecord(context: DiagnosisContext): Record<string, unknown> | null {
  const match = context.component;
  if (!match) return null;
  return {
    name: match.component.name,
    type: match.component.type,
    matched_by: match.matched_by,
    depends_on: match.component.depends_on ?? [],
    dependents: context.graph?.dependentsOf(match.component.name).map((c) => c.name) ?? [],
  };
}

/**
 * Runs every rule over the evidence and returns the most specific conclusion. Pure: the same
 * input (with the same `now`) always gives the same diagnosis; nothing is fetched.
 */
export function runDiagnosis(input: DiagnoseInput, rules: readonly DiagnosisRule[] = defaultRules): DiagnoseResult {
  const pod = input.evidence.pod_details;
  if (!pod) return diagnoseWithoutPod(input);

  const context = buildContext(input.evidence, pod, {
    now: resolveNow(input.evidence, input.now),
    // Anything but a loaded graph (a test double, a stale value) is ignored rather than trusted.
    graph: input.graph instanceof KnowledgeGraph ? input.graph : null,
  });
  const candidates: Candidate[] = [];
  const ruleErrors: Array<{ rule: string; message: string }> = [];
  for (const rule of rules) {
    try {
      candidates.push(...rule.analyze(context));
    } catch (error) {
      ruleErrors.push({ rule: rule.name, message: error instanceof Error ? error.message : String(error) });
    }
  }

  const ranked = rankCandidates(candidates);
  const winner = ranked[0]?.primary ? ranked[0] : null;
  let diagnosis: Diagnosis;
  if (winner) {
    diagnosis = {
      category: winner.category,
      sub_cause: winner.sub_cause,
      container: winner.container,
      summary: winner.summary,
      confidence: winner.confidence,
      evidence: winner.evidence,
      remediation: winner.remediation,
      other_findings: otherFindings(ranked, winner),
      component: componentRecord(context),
      dependency: winner.dependency ?? null,
    };
  } else {
    const healthy = healthyDiagnosis(context);
    if (healthy) {
      diagnosis = { ...healthy, other_findings: otherFindings(ranked, null), component: componentRecord(context) };
    } else {
      const gaps = describeGaps(context);
      diagnosis = {
        ...bare(DiagnosisCategory.Unknown, gaps.summary, Confidence.Low, gaps.pointers, [
          `Describe the pod for anything the agent does not collect: kubectl describe pod ${pod.name} -n ${pod.namespace}`,
          'Re-run the investigation while the problem is happening; events expire after an hour.',
        ]),
        other_findings: otherFindings(ranked, null),
        component: componentRecord(context),
      };
    }
  }
  if (ruleErrors.length > 0) diagnosis.rule_errors = ruleErrors;
  return result(diagnosis);
}
