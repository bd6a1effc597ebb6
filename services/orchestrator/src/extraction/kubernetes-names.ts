/**
 * Kubernetes object-name rules and the shapes controllers give the pods they create.
 * Hand-written checks rather than regular expressions so that cost is one pass over the name.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */

import { isDnsLabel, isDnsSubdomain } from '@sre-orchestrator/contracts';

// The name checks themselves live in contracts, shared with the k8s-agent's request validation.
export { isDnsLabel, isDnsSubdomain };

function isLowerAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function containsLetter(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
  }
  return false;
}

/**
 * Characters of the random suffixes Kubernetes generates (`k8s.io/apimachinery/pkg/util/rand`): no vowels,
 * so that suffixes never spell words. A five-letter English word almost always fails this test.
 */
const GENERATED_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function isGeneratedSuffix(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    if (!GENERATED_ALPHABET.includes(segment[i] as string)) return false;
  }
  return true;
}

function isLowerAlphanumericString(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    if (!isLowerAlphanumeric(segment.charCodeAt(i))) return false;
  }
  return segment.length > 0;
}

function isDigits(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    if (!isDigit(segment.charCodeAt(i))) return false;
  }
  return segment.length > 0;
}

function hasDigit(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    if (isDigit(segment.charCodeAt(i))) return true;
  }
  return false;
}

export const PodNameShape = {
  /** `<deployment>-<pod-template-hash>-<5 chars>`, e.g. `checkout-api-7d9f8b6c5-x2k4p`. */
  ReplicaSetPod: 'replicaset_pod',
  /** `<statefulset>-<ordinal>`, e.g. `web-1`, `postgres-0`. */
  OrdinalPod: 'ordinal_pod',
  /** `<owner>-<5 generated chars>`, as DaemonSets, Jobs and bare ReplicaSets name their pods. */
  GeneratedSuffixPod: 'generated_suffix_pod',
  /** Anything else, e.g. `auth-service-xyz`. */
  Plain: 'plain',
} as const;
export type PodNameShape = (typeof PodNameShape)[keyof typeof PodNameShape];

/** How much a valid pod name looks like one a controller generated. Linear in the name's length. */
export function podNameShape(name: string): PodNameShape {
  const segments = name.split('-');
  const last = segments[segments.length - 1] ?? '';
  const base = segments.slice(0, -1).join('-');
  if (segments.length < 2 || !containsLetter(base)) return PodNameShape.Plain;
  const hash = segments[segments.length - 2] ?? '';
  // The pod-template-hash is 6 to 10 characters (older releases: up to 10 digits) and carries a digit or
  // only generated characters; the final segment is always five generated characters, but hand-written
  // examples (`-abcde`) are common enough in alerts to accept any five lowercase alphanumerics there.
  if (
    segments.length >= 3 &&
    last.length === 5 &&
    isLowerAlphanumericString(last) &&
    hash.length >= 6 &&
    hash.length <= 10 &&
    isLowerAlphanumericString(hash) &&
    (hasDigit(hash) || isGeneratedSuffix(hash))
  ) {
    return PodNameShape.ReplicaSetPod;
  }
  if (last.length <= 5 && isDigits(last)) return PodNameShape.OrdinalPod;
  if (last.length === 5 && isGeneratedSuffix(last)) return PodNameShape.GeneratedSuffixPod;
  return PodNameShape.Plain;
}
