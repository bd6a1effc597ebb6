import { Confidence, DiagnosisCategory, type EvidencePointer } from '@sre-orchestrator/contracts';
import { isAbout, quote } from '../facts.js';
import type { Candidate, DiagnosisContext, DiagnosisRule } from '../rule.js';

export const ConfigCause = {
  MissingSecret: 'missing_secret',
  MissingConfigMap: 'missing_configmap',
  MissingKey: 'missing_key',
  RunAsNonRoot: 'run_as_non_root',
} as const;

interface ConfigProblem {
  cause: string;
  object: string | null;
  key: string | null;
  kind: 'Secret' | 'ConfigMap' | null;
}

/** Reads the kubelet's wording: `secret "x" not found`, `couldn't find key K in Secret ns/name`, `configmap "x" not found`. */
export function classifyConfigMessage(message: string): ConfigProblem | null {
  const key = /couldn't find key (\S+) in (Secret|ConfigMap) ([\w.-]+\/)?([\w.-]+)/i.exec(message);
  if (key) {
    return {
      cause: ConfigCause.MissingKey,
      key: key[1] ?? null,
      kind: key[2]?.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap',
      object: key[4] ?? null,
    };
  }
  const secret = /secrets? "([^"]+)" not found/i.exec(message);
  if (secret) return { cause: ConfigCause.MissingSecret, object: secret[1] ?? null, key: null, kind: 'Secret' };
  const configMap = /configmaps? "([^"]+)" not found/i.exec(message);
  if (configMap)
    return { cause: ConfigCause.MissingConfigMap, object: configMap[1] ?? null, key: null, kind: 'ConfigMap' };
  if (/runAsNonRoot and image will run as root|non-numeric user/i.test(message)) {
    return { cause: ConfigCause.RunAsNonRoot, object: null, key: null, kind: null };
  }
  return null;
}

/**
 * A container the kubelet cannot configure: CreateContainerConfigError (`secret "x" not found`,
 * `couldn't find key K in ConfigMap ns/name`). A Secret/ConfigMap *volume* whose object is missing
 * surfaces as a FailedMount event instead: that is diagnosed as volume_mount_failure (the category the
 * kubelet's own event names), and the missing object is recorded here as a secondary finding.
 */
export const configErrorRule: DiagnosisRule = {
  name: 'config-error',
  category: DiagnosisCategory.ConfigError,
  analyze(context: DiagnosisContext): Candidate[] {
    const out: Candidate[] = [];
    const { pod } = context;
    for (const view of context.containers) {
      const state = view.info.state;
      if (state?.kind !== 'waiting' || state.reason !== 'CreateContainerConfigError') continue;
      const event = context.events.find(
        (e) =>
          e.recent &&
          isAbout(context, e, view) &&
          e.event.reason === 'Failed' &&
          classifyConfigMessage(e.event.message),
      );
      const message = state.message ?? event?.event.message ?? '';
      const problem = classifyConfigMessage(message) ?? (event ? classifyConfigMessage(event.event.message) : null);
      const evidence: EvidencePointer[] = [
        {
          source: 'container_state',
          ref: `${view.ref}.state`,
          detail: `waiting: CreateContainerConfigError${state.message ? ` — ${quote(state.message)}` : ''}`,
        },
      ];
      if (event) evidence.push({ source: 'event', ref: event.ref, detail: `Failed: ${quote(event.event.message)}` });
      const envRef = problem?.object
        ? [
            ...view.info.env
              .filter((e) => e.ref_name === problem.object && (problem.key === null || e.ref_key === problem.key))
              .map((e) => `env ${e.name}`),
            ...view.info.env_from.filter((e) => e.ref_name === problem.object).map(() => 'envFrom'),
          ]
        : [];
      if (envRef.length > 0)
        evidence.push({ source: 'spec', ref: `${view.ref}.env`, detail: `referenced by ${envRef.join(', ')}` });
      out.push(candidate(context, view.info.name, problem, message, evidence, envRef));
    }
    for (const e of context.events) {
      if (!e.recent || e.event.reason !== 'FailedMount') continue;
      const problem = classifyConfigMessage(e.event.message);
      if (!problem || problem.cause === ConfigCause.RunAsNonRoot) continue;
      const volume = /for volume "([^"]+)"/.exec(e.event.message)?.[1];
      const blocked = pod.containers
        .filter((c) => c.state?.kind === 'waiting' && c.state.reason === 'ContainerCreating')
        .map((c) => c.name);
      out.push({
        ...candidate(
          context,
          blocked[0] ?? null,
          problem,
          e.event.message,
          [{ source: 'event', ref: e.ref, detail: `FailedMount: ${quote(e.event.message)}` }],
          volume ? [`volume ${volume}`] : [],
        ),
        primary: false,
      });
    }
    return out;
  },
};

function candidate(
  context: DiagnosisContext,
  container: string | null,
  problem: ConfigProblem | null,
  message: string,
  evidence: EvidencePointer[],
  usedBy: string[],
): Candidate {
  const ns = context.pod.namespace;
  const who = container ? `Container ${container}` : `Pod ${context.pod.name}`;
  const via = usedBy.length > 0 ? ` (${usedBy.join(', ')})` : '';
  let summary: string;
  let remediation: string[];
  if (problem?.cause === ConfigCause.MissingKey) {
    summary = `${who} cannot be created: ${problem.kind} ${ns}/${problem.object} has no key ${problem.key}${via}.`;
    remediation = [
      `Add key ${problem.key} to ${problem.kind} ${problem.object}: kubectl edit ${problem.kind?.toLowerCase()} ${problem.object} -n ${ns}, or fix the key name in the pod spec.`,
    ];
  } else if (problem?.cause === ConfigCause.MissingSecret || problem?.cause === ConfigCause.MissingConfigMap) {
    summary = `${who} cannot be created: ${problem.kind} "${problem.object}" does not exist in namespace ${ns}${via}.`;
    remediation = [
      `Create the ${problem.kind} in ${ns} (kubectl get ${problem.kind?.toLowerCase()} -n ${ns} to compare names), or fix the name in the pod spec.`,
      'If it is created by another tool (External Secrets, a Helm release, sealed-secrets), check that tool synced it.',
    ];
  } else if (problem?.cause === ConfigCause.RunAsNonRoot) {
    summary = `${who} cannot be created: the pod requires runAsNonRoot but the image runs as root.`;
    remediation = ['Set securityContext.runAsUser to a non-zero UID, or build the image with a non-root USER.'];
  } else {
    summary = `${who} cannot be created (CreateContainerConfigError): ${quote(message, 200)}.`;
    remediation = ['Read the error in kubectl describe pod and fix the referenced configuration.'];
  }
  return {
    category: DiagnosisCategory.ConfigError,
    sub_cause: problem?.cause ?? null,
    container,
    confidence: problem ? Confidence.High : Confidence.Medium,
    summary,
    primary: true,
    evidence,
    remediation,
  };
}
