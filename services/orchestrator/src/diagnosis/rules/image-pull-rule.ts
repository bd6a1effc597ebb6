import { Confidence, DiagnosisCategory, type EvidencePointer } from '@sre-orchestrator/contracts';
import { isAbout, quote, shortImage, workloadRef } from '../facts.js';
import type { Candidate, DiagnosisContext, DiagnosisRule } from '../rule.js';

export const ImagePullCause = {
  NotFound: 'image_not_found',
  Unauthorized: 'unauthorized',
  RegistryUnreachable: 'registry_unreachable',
  InvalidName: 'invalid_image_name',
  NeverPull: 'never_pull',
} as const;

const PULL_REASONS = ['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull'];

/**
 * Classifies a pull failure from the kubelet/runtime wording. Order matters: a registry that cannot
 * be reached never got to say "not found", and "pull access denied" is Docker Hub's answer both for
 * private and for missing repositories, so it reads as an authorization problem first.
 */
export function classifyPullError(message: string): string | null {
  if (/InvalidImageName|couldn't parse image|invalid reference format|Failed to apply default image tag/i.test(message))
    return ImagePullCause.InvalidName;
  if (/ErrImageNeverPull|image pull policy is Never|imagePullPolicy is Never/i.test(message))
    return ImagePullCause.NeverPull;
  if (
    /no such host|i\/o timeout|connection refused|network is unreachable|no route to host|TLS handshake timeout|context deadline exceeded|x509:|certificate|dial tcp|EOF\b|server gave HTTP response to HTTPS client|503 Service Unavailable|502 Bad Gateway|connection reset/i.test(
      message,
    )
  )
    return ImagePullCause.RegistryUnreachable;
  if (
    /401 Unauthorized|403 Forbidden|unauthorized|authentication required|no basic auth credentials|pull access denied|insufficient_scope|authorization failed|access denied|denied:|toomanyrequests|rate limit/i.test(
      message,
    )
  )
    return ImagePullCause.Unauthorized;
  if (/not found|manifest unknown|NotFound|does not exist|name unknown|no matching manifest/i.test(message))
    return ImagePullCause.NotFound;
  return null;
}

const CAUSE_TEXT: Record<string, string> = {
  [ImagePullCause.NotFound]: 'the image or tag does not exist in the registry',
  [ImagePullCause.Unauthorized]:
    'the registry refused the pull (missing or wrong credentials, or a private or non-existent repository)',
  [ImagePullCause.RegistryUnreachable]: 'the registry could not be reached from the node',
  [ImagePullCause.InvalidName]: 'the image reference is not a valid name',
  [ImagePullCause.NeverPull]: 'imagePullPolicy is Never and the image is not on the node',
};

const REMEDIATION: Record<string, string[]> = {
  [ImagePullCause.NotFound]: [
    'Check the image name and tag for typos and that the tag was pushed (e.g. crane ls / docker manifest inspect <image>).',
    'Fix the image in the workload spec or roll back: kubectl rollout undo <workload>.',
  ],
  [ImagePullCause.Unauthorized]: [
    'Add or fix imagePullSecrets on the pod or its service account, with credentials that can read this repository.',
    'Check that the secret type is kubernetes.io/dockerconfigjson and the registry host in it matches the image.',
  ],
  [ImagePullCause.RegistryUnreachable]: [
    "Check the node's DNS, egress/firewall and proxy settings towards the registry host.",
    'If the registry uses a private CA, install it on the nodes; check the registry status.',
  ],
  [ImagePullCause.InvalidName]: [
    'Fix the image reference in the spec: registry/repository:tag, lower case, no spaces.',
  ],
  [ImagePullCause.NeverPull]: ['Pre-load the image on the node or change imagePullPolicy to IfNotPresent.'],
};

/** A container whose image cannot be pulled: ErrImagePull / ImagePullBackOff with the registry's reason. */
export const imagePullRule: DiagnosisRule = {
  name: 'image-pull',
  category: DiagnosisCategory.ImagePull,
  analyze(context: DiagnosisContext): Candidate[] {
    const out: Candidate[] = [];
    for (const view of context.containers) {
      const name = view.info.name;
      const state = view.info.state;
      const waitingOnPull = state?.kind === 'waiting' && PULL_REASONS.includes(state.reason ?? '');
      const pullEvents = context.events.filter(
        (e) =>
          e.recent &&
          isAbout(context, e, view) &&
          ((e.event.reason === 'Failed' &&
            /Failed to pull image|ErrImagePull|InvalidImageName|ErrImageNeverPull/i.test(e.event.message)) ||
            e.event.reason === 'InspectFailed' ||
            e.event.reason === 'ErrImageNeverPull' ||
            (e.event.reason === 'BackOff' && /Back-off pulling image/i.test(e.event.message))),
      );
      if (!waitingOnPull && pullEvents.length === 0) continue;
      // A pull failure while the container is up (a later rollout's image on the same pod) is not this incident.
      const primary = waitingOnPull || (state?.kind !== 'running' && pullEvents.length > 0);

      const detailed = pullEvents.find(
        (e) =>
          classifyPullError(e.event.message) !== null &&
          /Failed to pull|InspectFailed|never/i.test(e.event.message + e.event.reason),
      );
      const messages = [
        detailed?.event.message,
        state?.message,
        ...pullEvents.map((e) => e.event.message),
        state?.reason,
      ].filter((m): m is string => typeof m === 'string');
      const sub = messages.map(classifyPullError).find((c) => c !== null) ?? null;
      const image = shortImage(view.info.image);
      const attempts = pullEvents.find((e) => e.event.reason === 'BackOff')?.event.count;
      const summary = `Container ${name} cannot start because image ${image} cannot be pulled${sub ? `: ${CAUSE_TEXT[sub]}` : ''}${state?.reason ? ` (${state.reason}${attempts ? `, ${attempts} back-offs` : ''})` : ''}.`;
      const evidence: EvidencePointer[] = [];
      if (state)
        evidence.push({
          source: 'container_state',
          ref: `${view.ref}.state`,
          detail: `${state.kind}: ${state.reason ?? ''}${state.message ? ` — ${quote(state.message)}` : ''}`,
        });
      for (const e of (detailed ? [detailed] : pullEvents).slice(0, 2)) {
        evidence.push({ source: 'event', ref: e.ref, detail: `${e.event.reason}: ${quote(e.event.message)}` });
      }
      out.push({
        category: DiagnosisCategory.ImagePull,
        sub_cause: sub,
        container: name,
        confidence: sub ? Confidence.High : Confidence.Medium,
        summary,
        primary,
        evidence,
        remediation: [
          ...(
            REMEDIATION[sub ?? ''] ?? ['Read the pull error: kubectl describe pod and look at the Failed events.']
          ).map((step) => step.replace('<workload>', `${workloadRef(context)} -n ${context.pod.namespace}`)),
          `Image in the spec: ${view.info.image}`,
        ],
      });
    }
    return out;
  },
};
